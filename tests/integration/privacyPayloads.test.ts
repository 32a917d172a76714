import { Client, Connection } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import proto from '@temporalio/proto';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverToCustomer } from '../../worker/inbound/deliver';
import { isEncrypted, payloadKeyId } from '../../worker/privacy/encryptionCodec';
import { customerKeyId } from '../../worker/privacy/keyChoice';
import { DataKeyDestroyedError } from '../../worker/privacy/keyRing';
import { masterKeyFrom } from '../../worker/privacy/masterKeys';
import { payloadEncryption } from '../../worker/privacy/payloadEncryption';
import { connectMongo, type Mongo } from '../../worker/store/mongo';
import { caseWorkflowId, customerWorkflowId } from '../../workflows/contracts/customer';
import type { CustomerProfile } from '../../workflows/contracts/messages';
import { startDevStack, type DevStack } from '../support/devStack';
import { inboundMessage } from '../support/messages';
import { testDataKeysUri, testEncryption, testMasterKey } from '../support/privacy';
import { createCustomer } from '../support/realCustomer';
import { eventually } from '../support/relaisWorker';
import { inject } from 'vitest';

/**
 * Relais on the Temporal dev server with its codec: what Temporal stores of a contact is
 * ciphertext; the codec, and the designer's codec endpoint for the Temporal UI, read it back;
 * a destroyed data key leaves its customer's payloads unreadable and no one else's.
 */

let stack: DevStack;
let connection: Connection;
/** Reads Temporal as anyone with access to the server would: without the codec. */
let raw: Client;
let keysMongo: Mongo;

beforeAll(async () => {
  stack = await startDevStack({ designer: true });
  connection = await Connection.connect({ address: inject('temporalAddress') });
  raw = new Client({ connection });
  keysMongo = await connectMongo(testDataKeysUri());
});
afterAll(async () => {
  await stack?.stop();
  await connection?.close();
  await keysMongo?.close();
});

interface Contact {
  profile: CustomerProfile;
  words: string[];
  caseId: string;
}

/** A contact whose every personal word is unique to the test, and its case once acknowledged. */
async function contact(): Promise<Contact> {
  const tag = randomUUID().slice(0, 8);
  const email = `zoe.${tag}@exemple.fr`;
  const created = await createCustomer(stack.relais.stores, email);
  const profile = {
    ...created,
    name: `Zoé Confidentiel${tag}`,
    phone: `+3361${tag.replace(/\D/g, '7').slice(0, 7).padEnd(7, '7')}`,
  };
  const message = inboundMessage({
    subject: `Objet secret ${tag}`,
    text: `Mon code d'accès est ${tag}-texte-privé`,
  });
  const caseId = await deliverToCustomer(stack.client, stack.relais.taskQueue, profile, message);
  await eventually(
    async () => (await stack.relais.stores.outbox.forCase(caseId)).length > 0,
    'the acknowledgement of the case',
  );
  return {
    profile,
    words: [profile.name, email, profile.phone!, message.subject!, message.text],
    caseId,
  };
}

/** Every payload of a history, wherever it sits in its events. */
function payloadsIn(value: unknown, out: Payload[] = []): Payload[] {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return out;
  const v = value as Record<string, unknown>;
  if (v.data instanceof Uint8Array && v.metadata !== undefined) out.push(v as Payload);
  else for (const child of Object.values(v)) payloadsIn(child, out);
  return out;
}

async function rawHistory(workflowId: string) {
  const history = await raw.workflow.getHandle(workflowId).fetchHistory();
  const bytes = proto.temporal.api.history.v1.History.encode(history).finish();
  return { history, text: Buffer.from(bytes).toString('utf8') };
}

const workflowsOf = (c: Contact) => [
  customerWorkflowId(c.profile.customerId),
  caseWorkflowId(c.caseId),
];

describe('personal data in Temporal', () => {
  it('stores no name, email, phone or message text in clear; the codec decodes them all', async () => {
    const c = await contact();
    const { codec } = await testEncryption();
    for (const workflowId of workflowsOf(c)) {
      const { history, text } = await rawHistory(workflowId);
      for (const word of c.words) expect(text, `${word} in ${workflowId}`).not.toContain(word);

      const payloads = payloadsIn(history.events).filter(isEncrypted);
      expect(payloads.length).toBeGreaterThan(3);
      expect(new Set(payloads.map(payloadKeyId))).toEqual(
        new Set([customerKeyId(c.profile.customerId)]),
      );
      const decoded = (await codec.decode(payloads))
        .map((p) => Buffer.from(p.data ?? []).toString('utf8'))
        .join('\n');
      expect(decoded).toContain(c.profile.name);
      if (workflowId.startsWith('case-')) expect(decoded).toContain(c.words[4]);
    }
  });

  it('the codec endpoint decodes for a manager only, and answers the Temporal UI’s origin', async () => {
    const c = await contact();
    const { history } = await rawHistory(caseWorkflowId(c.caseId));
    const [first] = payloadsIn(history.events).filter(isEncrypted);
    const body = JSON.stringify({
      payloads: [
        {
          metadata: Object.fromEntries(
            Object.entries(first!.metadata!).map(([k, v]) => [
              k,
              Buffer.from(v).toString('base64'),
            ]),
          ),
          data: Buffer.from(first!.data!).toString('base64'),
        },
      ],
    });
    const url = `${stack.designer!.url}/api/temporal-codec/decode`;
    const ui = 'http://localhost:8233';
    const post = (headers: Record<string, string>) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ui, ...headers },
        body,
      });

    const anonymous = await post({});
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toContain(c.profile.name);
    expect((await post({ cookie: await session('agent', 'relais-agent') })).status).toBe(403);

    const manager = await post({ cookie: await session('manager', 'relais-manager') });
    expect(manager.status).toBe(200);
    expect(manager.headers.get('access-control-allow-origin')).toBe(ui);
    expect(manager.headers.get('access-control-allow-credentials')).toBe('true');
    const decoded = (await manager.json()) as { payloads: { data: string }[] };
    expect(Buffer.from(decoded.payloads[0]!.data, 'base64').toString()).toContain(
      c.profile.customerId,
    );

    const preflight = (origin: string) =>
      fetch(url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    expect((await preflight(ui)).headers.get('access-control-allow-origin')).toBe(ui);
    expect(
      (await preflight('http://evil.example')).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });

  it('a destroyed data key leaves its customer’s payloads unreadable, and others’ readable', async () => {
    const [erased, kept] = [await contact(), await contact()];
    // As the erasure will: the customer's workflows end before their key goes.
    for (const workflowId of workflowsOf(erased))
      await raw.workflow.getHandle(workflowId).terminate('erased');
    await (await testEncryption()).keys.destroy(customerKeyId(erased.profile.customerId));

    // A process that had never seen the key, as another worker or the designer.
    const { codec } = payloadEncryption(() => keysMongo.db, {
      current: masterKeyFrom(testMasterKey),
      previous: [],
    });
    for (const workflowId of workflowsOf(erased)) {
      const payloads = payloadsIn((await rawHistory(workflowId)).history.events).filter(
        isEncrypted,
      );
      for (const p of payloads)
        await expect(codec.decode([p])).rejects.toBeInstanceOf(DataKeyDestroyedError);
    }
    for (const workflowId of workflowsOf(kept)) {
      const payloads = payloadsIn((await rawHistory(workflowId)).history.events).filter(
        isEncrypted,
      );
      const decoded = await codec.decode(payloads);
      expect(decoded.map((p) => Buffer.from(p.data!).toString()).join()).toContain(
        kept.profile.name,
      );
    }
    // The kept customer's workflows go on: a second message is taken in.
    const again = await deliverToCustomer(
      stack.client,
      stack.relais.taskQueue,
      kept.profile,
      inboundMessage(),
    );
    expect(again).toEqual(expect.any(String));
  });
});

async function session(username: string, password: string): Promise<string> {
  const url = stack.designer!.url;
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      origin: url,
    },
    body: new URLSearchParams({ username, password }),
    redirect: 'manual',
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('relais_session='))
    ?.split(';')[0];
  if (!cookie) throw new Error(`cannot sign in as ${username}: ${res.status}`);
  return cookie;
}
