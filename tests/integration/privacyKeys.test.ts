import type { Payload } from '@temporalio/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { payloadKeyId } from '../../worker/privacy/encryptionCodec';
import { DataKeyDestroyedError } from '../../worker/privacy/keyRing';
import { masterKeyFrom, type MasterKey } from '../../worker/privacy/masterKeys';
import { payloadEncryption } from '../../worker/privacy/payloadEncryption';
import type { Mongo } from '../../worker/store/mongo';
import { freshDatabase } from '../support/relaisWorker';

/** The data keys on a real FerretDB: wrapping, rotation, shredding, and how a key is chosen. */

let mongo: Mongo;
beforeAll(async () => {
  ({ mongo } = await freshDatabase());
});
afterAll(async () => {
  await mongo?.close();
});

const newMaster = (): MasterKey => masterKeyFrom(randomBytes(32).toString('base64'));
/** Each test keeps its keys in a database of its own: a rotation re-wraps every key there. */
let keysDb = '';
beforeEach(() => {
  keysDb = `t${randomUUID().slice(0, 8)}`;
});
const ring = (current: MasterKey, previous: MasterKey[] = []) =>
  payloadEncryption(() => mongo.client.db(keysDb), { current, previous });
const payload = (value: unknown): Payload => ({
  metadata: { encoding: new Uint8Array(Buffer.from('json/plain')) },
  data: new Uint8Array(Buffer.from(JSON.stringify(value))),
});
const text = (p: Payload) => Buffer.from(p.data!).toString();
const ofWorkflow = (workflowId: string) => ({
  type: 'workflow' as const,
  namespace: 'default',
  workflowId,
});

describe('data keys', () => {
  it('encrypts a customer workflow’s payloads with that customer’s key, which decodes them', async () => {
    const customerId = randomUUID();
    const { codec } = ring(newMaster());
    const [sealed] = await codec.encode(
      [payload({ name: 'Zoé Privé' })],
      ofWorkflow(`customer-${customerId}`),
    );
    expect(payloadKeyId(sealed!)).toBe(`customer:${customerId}`);
    expect(Buffer.from(sealed!.data!).toString()).not.toContain('Zoé');
    expect(text((await codec.decode([sealed!]))[0]!)).toBe('{"name":"Zoé Privé"}');
  });

  it('binds a case to the customer its input names, for its later payloads and its work items', async () => {
    const master = newMaster();
    const customerId = randomUUID();
    const caseWf = `case-${randomUUID()}`;
    const [input] = await ring(master).codec.encode(
      [payload({ caseId: 'k', customer: { customerId, name: 'Zoé' } })],
      ofWorkflow(caseWf),
    );
    const [reply] = await ring(master).codec.encode(
      [payload({ text: 'Bonjour Zoé' })],
      ofWorkflow(caseWf),
    );
    expect(payloadKeyId(input!)).toBe(`customer:${customerId}`);
    expect(payloadKeyId(reply!)).toBe(`customer:${customerId}`);
    const caseId = caseWf.slice('case-'.length);
    const [routed, state] = await ring(master).codec.encode(
      [payload({ caseId, customerName: 'Zoé' }), payload([{ caseId }, { caseId: 'other' }])],
      ofWorkflow('router:relais'),
    );
    expect(payloadKeyId(routed!)).toBe(`customer:${customerId}`);
    expect(payloadKeyId(state!)).toBe('system');
  });

  it('creates one key when two processes meet a new customer at once', async () => {
    const master = newMaster();
    const id = `customer:${randomUUID()}`;
    const [a, b] = await Promise.all([ring(master).keys.keyFor(id), ring(master).keys.keyFor(id)]);
    expect(a.equals(b)).toBe(true);
  });

  it('passes payloads written before encryption through as they are', async () => {
    const old = payload({ name: 'Ancien' });
    expect(await ring(newMaster()).codec.decode([old])).toEqual([old]);
  });

  it('rotates the master key: the previous one unwraps until every key is re-wrapped', async () => {
    const [first, second] = [newMaster(), newMaster()];
    const wf = ofWorkflow(`customer-${randomUUID()}`);
    const [sealed] = await ring(first).codec.encode([payload('secret')], wf);
    await expect(ring(second).codec.decode([sealed!])).rejects.toThrow(/neither RELAIS_MASTER_KEY/);

    const rotating = ring(second, [first]);
    expect(text((await rotating.codec.decode([sealed!]))[0]!)).toBe('"secret"');
    expect(await rotating.keys.rewrapAll()).toBeGreaterThanOrEqual(1);
    expect(await rotating.keys.rewrapAll()).toBe(0);

    expect(text((await ring(second).codec.decode([sealed!]))[0]!)).toBe('"secret"');
    await expect(ring(first).codec.decode([sealed!])).rejects.toThrow(/neither RELAIS_MASTER_KEY/);
  });

  it('a destroyed key decodes nothing any more, and refuses new payloads; other keys go on', async () => {
    const master = newMaster();
    const [gone, kept] = [randomUUID(), randomUUID()];
    const { codec, keys } = ring(master);
    const [a] = await codec.encode([payload('a')], ofWorkflow(`customer-${gone}`));
    const [b] = await codec.encode([payload('b')], ofWorkflow(`customer-${kept}`));
    await keys.destroy(`customer:${gone}`);

    for (const reader of [codec, ring(master).codec])
      await expect(reader.decode([a!])).rejects.toBeInstanceOf(DataKeyDestroyedError);
    await expect(codec.encode([payload('a2')], ofWorkflow(`customer-${gone}`))).rejects.toThrow(
      /destroyed/,
    );
    expect(text((await ring(master).codec.decode([b!]))[0]!)).toBe('"b"');
  });
});
