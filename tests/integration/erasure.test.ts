import { Client, Connection } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { NativeConnection } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultRuleSet } from '../../rules/defaults/defaultRuleSet';
import type { RuleSet } from '../../rules/model/ruleSet';
import { deliverToCustomer } from '../../worker/inbound/deliver';
import { isEncrypted } from '../../worker/privacy/encryptionCodec';
import { DataKeyDestroyedError } from '../../worker/privacy/keyRing';
import { defaultNewCustomer } from '../../worker/store/customers';
import type { Stores } from '../../worker/store/stores';
import { claimUpdate, replyUpdate, resolveUpdate } from '../../workflows/contracts/case';
import { caseWorkflowId, customerWorkflowId } from '../../workflows/contracts/customer';
import type { CustomerProfile } from '../../workflows/contracts/messages';
import type { ErasureCertificate } from '../../workflows/privacy/erasureContract';
import { erasureWorkflowId } from '../../workflows/privacy/erasureIds';
import { inboundMessage } from '../support/messages';
import { testDataConverter, testEncryption } from '../support/privacy';
import { customerProfile } from '../support/messages';
import { createRelaisWorker, eventually, type RelaisTestWorker } from '../support/relaisWorker';

/**
 * A customer's erasure on the Temporal dev server and FerretDB: their workflows end, MongoDB
 * keeps no word of theirs, their Temporal payloads become unreadable, and nobody else changes.
 */

/** No survey and no reopen window: a resolved case closes at once. */
async function quickRules(stores: Stores): Promise<void> {
  const quick: RuleSet = structuredClone(defaultRuleSet);
  for (const rule of quick.rules)
    for (const action of rule.actions) {
      if (action.type === 'setSurvey') action.kind = 'none';
      if (action.type === 'setReopenWindow') action.days = 0;
    }
  await stores.ruleSets.publish(quick, { author: 'test', comment: 'no survey, no reopen' });
}

let relais: RelaisTestWorker;
let client: Client;
let clientConnection: Connection;
let workerConnection: NativeConnection;
let stopWorker = () => {};
let running: Promise<unknown>;

beforeAll(async () => {
  const address = inject('temporalAddress');
  workerConnection = await NativeConnection.connect({ address });
  clientConnection = await Connection.connect({ address });
  relais = await createRelaisWorker(workerConnection, { prepare: quickRules });
  running = relais.run(() => new Promise<void>((resolve) => (stopWorker = resolve)));
  client = new Client({ connection: clientConnection, dataConverter: await testDataConverter() });
});
afterAll(async () => {
  stopWorker();
  await running;
  await clientConnection?.close();
  await workerConnection?.close();
});

interface Person {
  profile: CustomerProfile;
  /** Every personal word: name, email, phone, and what they wrote. */
  words: string[];
}

async function person(): Promise<Person> {
  const tag = randomUUID().slice(0, 8);
  const email = `ninon.${tag}@exemple.fr`;
  const phone = `+336${[...tag].map((c) => c.charCodeAt(0) % 10).join('')}`;
  const name = `Ninon Effacée${tag}`;
  const doc = await relais.stores.customers.findOrCreate(
    { email, phone },
    { ...defaultNewCustomer, name },
  );
  const profile = customerProfile({ customerId: doc._id, email, phone, name });
  return { profile, words: [email, phone, name, `secret-${tag}`] };
}

async function openCase(p: Person): Promise<string> {
  const message = inboundMessage({
    subject: `Facture ${p.words[3]}`,
    text: `Je suis ${p.profile.name}, joignable au ${p.profile.phone} (${p.words[3]}).`,
  });
  const caseId = await deliverToCustomer(client, relais.taskQueue, p.profile, message);
  await eventually(
    async () => (await relais.stores.tasks.get(caseId))?.status === 'queued',
    'the case queued',
  );
  await eventually(
    async () => (await relais.stores.outbox.forCase(caseId)).length > 0,
    'the acknowledgement',
  );
  // The task is written before its timeline entry: the KPIs are read once both are there.
  await eventually(
    async () =>
      (await relais.stores.timeline.forCase(caseId)).some((e) => e.type === 'task-created'),
    'the task-created entry',
  );
  return caseId;
}

async function closeCase(caseId: string): Promise<void> {
  const handle = client.workflow.getHandle(caseWorkflowId(caseId));
  await handle.executeUpdate(claimUpdate, { args: [{ agentId: 'ana' }] });
  await handle.executeUpdate(replyUpdate, { args: [{ agentId: 'ana', text: 'Corrigé.' }] });
  await handle.executeUpdate(resolveUpdate, { args: [{ agentId: 'ana', reason: 'fixed' }] });
  expect((await handle.result()).status).toBe('closed');
}

/** Every document of every collection of the run's database, as text. */
async function everyDocument(): Promise<{ collection: string; text: string }[]> {
  const db = relais.mongo.db;
  const out: { collection: string; text: string }[] = [];
  for (const { name } of await db.listCollections().toArray())
    for (const doc of await db.collection(name).find({}).toArray())
      out.push({ collection: name, text: JSON.stringify(doc) });
  return out;
}

function payloadsIn(value: unknown, out: Payload[] = []): Payload[] {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return out;
  const v = value as Record<string, unknown>;
  if (v.data instanceof Uint8Array && v.metadata !== undefined) out.push(v as Payload);
  else for (const child of Object.values(v)) payloadsIn(child, out);
  return out;
}

async function encryptedPayloads(workflowId: string): Promise<Payload[]> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return payloadsIn(history.events).filter(isEncrypted);
}

/** The KPI view of the timeline: what each event counts as, without words. */
async function kpiView(): Promise<string[]> {
  const { events } = await relais.stores.kpiEvents.inWindow(
    new Date(0),
    new Date(Date.now() + 3600_000),
  );
  return events.map((e) => JSON.stringify(e)).sort();
}

const erase = (subject: string) =>
  client.workflow.execute('erasureWorkflow', {
    workflowId: erasureWorkflowId(subject),
    taskQueue: relais.taskQueue,
    args: [{ subject, reason: 'request', requestedBy: 'manager' }],
  }) as Promise<ErasureCertificate>;

describe('erasure', () => {
  it('forgets a customer with a closed and an open case, and no one else', async () => {
    const gone = await person();
    const kept = await person();
    const closedCase = await openCase(gone);
    await closeCase(closedCase);
    const openCaseId = await openCase(gone);
    const keptCase = await openCase(kept);
    const kpisBefore = await kpiView();

    const certificate = await erase(gone.profile.customerId);

    // MongoDB: not one word of theirs in any collection.
    const docs = await everyDocument();
    for (const word of gone.words)
      for (const doc of docs) expect(doc.text, `${word} in ${doc.collection}`).not.toContain(word);
    // The other customer is untouched, the KPIs count the same.
    for (const word of kept.words)
      expect(
        docs.some((d) => d.text.includes(word)),
        `${word} kept`,
      ).toBe(true);
    expect(await relais.stores.customers.get(kept.profile.customerId)).not.toBeNull();
    expect((await relais.stores.tasks.get(keptCase))?.status).toBe('queued');
    expect(await kpiView()).toEqual(kpisBefore);

    // Their workflows ended, the open case without a further message.
    const open = await client.workflow.getHandle(caseWorkflowId(openCaseId)).describe();
    expect(open.status.name).toBe('TERMINATED');
    expect((await relais.stores.tasks.get(openCaseId))?.status).toBe('closed');
    expect(await relais.stores.outbox.forCase(openCaseId)).toEqual([]);

    // Temporal: their payloads no longer decrypt; the other customer's still do.
    const { codec } = await testEncryption();
    for (const workflowId of [
      customerWorkflowId(gone.profile.customerId),
      caseWorkflowId(closedCase),
      caseWorkflowId(openCaseId),
    ]) {
      const payloads = await encryptedPayloads(workflowId);
      expect(payloads.length).toBeGreaterThan(0);
      await expect(codec.decode(payloads.slice(0, 1))).rejects.toBeInstanceOf(
        DataKeyDestroyedError,
      );
    }
    const keptPayloads = await encryptedPayloads(caseWorkflowId(keptCase));
    const decoded = await codec.decode(keptPayloads);
    expect(decoded.map((p) => Buffer.from(p.data ?? []).toString()).join()).toContain(
      kept.profile.name,
    );

    // The certificate: counts, dates, no personal data; asking again answers the same one.
    expect(certificate).toMatchObject({
      subject: gone.profile.customerId,
      reason: 'request',
      requestedBy: 'manager',
      cases: 2,
    });
    expect(certificate.workflowsClosed).toBe(2);
    expect(certificate.counts.customers).toBe(1);
    expect(certificate.counts.identityKeys).toBe(2);
    expect(certificate.counts.outbox).toBeGreaterThanOrEqual(3);
    expect(certificate.counts.timelineEvents).toBeGreaterThan(5);
    for (const word of gone.words) expect(JSON.stringify(certificate)).not.toContain(word);
    expect(await erase(gone.profile.customerId)).toEqual(certificate);
  }, 300_000);
});
