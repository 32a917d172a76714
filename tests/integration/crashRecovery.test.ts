import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ManagedProcess } from '../../launcher/process';
import { defaultRuleSet } from '../../rules/defaults/defaultRuleSet';
import type { RuleSet } from '../../rules/model/ruleSet';
import { deliverToCustomer } from '../../worker/inbound/deliver';
import { claimUpdate, replyUpdate, resolveUpdate } from '../../workflows/contracts/case';
import { caseWorkflowId } from '../../workflows/contracts/customer';
import { inboundMessage } from '../support/messages';
import { createCustomer } from '../support/realCustomer';
import { eventually, freshDatabase } from '../support/relaisWorker';
import { messageIdOf, startSmtpInbox } from '../support/smtpInbox';
import { startWorkerProcess } from '../support/workerProcess';
import { testDataConverter } from '../support/privacy';

let connection: Connection;
let client: Client;
beforeAll(async () => {
  connection = await Connection.connect({ address: inject('temporalAddress') });
  client = new Client({ connection, dataConverter: await testDataConverter() });
});
afterAll(async () => {
  await connection?.close();
});

const startWorker = (mongoUri: string, taskQueue: string, name: string, env = {}) =>
  startWorkerProcess({ mongoUri, taskQueue, name, env });

describe('crash recovery', () => {
  it('finishes a case on a new worker after the first is killed, sending nothing twice', async () => {
    const { mongo, stores, uri } = await freshDatabase();
    // No survey and no reopen window, so the case runs to completion within the test.
    const quick: RuleSet = structuredClone(defaultRuleSet);
    for (const rule of quick.rules)
      for (const action of rule.actions) {
        if (action.type === 'setSurvey') action.kind = 'none';
        if (action.type === 'setReopenWindow') action.days = 0;
      }
    await stores.ruleSets.publish(quick, { author: 'test', comment: 'no survey, no reopen' });

    const taskQueue = `crash-${randomUUID()}`;
    const first = startWorker(uri, taskQueue, 'worker-a');
    const customer = await createCustomer(stores);
    const message = inboundMessage();
    const caseId = await deliverToCustomer(client, taskQueue, customer, message);
    // Kill it hard as soon as the case has started working: its activities are in flight.
    await eventually(
      async () => (await stores.timeline.forCase(caseId)).length > 0,
      'the first timeline event',
      30_000,
    );
    process.kill(-first.child.pid!, 'SIGKILL');
    await first.exited;

    const second = startWorker(uri, taskQueue, 'worker-b');
    try {
      await eventually(
        async () => (await stores.tasks.get(caseId))?.status === 'queued',
        'the task on the new worker',
        60_000,
      );
      const handle = client.workflow.getHandle(caseWorkflowId(caseId));
      await handle.executeUpdate(claimUpdate, { args: [{ agentId: 'ana' }] });
      await handle.executeUpdate(replyUpdate, { args: [{ agentId: 'ana', text: 'Corrigé.' }] });
      await handle.executeUpdate(resolveUpdate, { args: [{ agentId: 'ana', reason: 'fixed' }] });
      const result = await handle.result();
      expect(result.status).toBe('closed');

      const outbox = await stores.outbox.forCase(caseId);
      expect(outbox.filter((m) => m.kind === 'acknowledgement')).toHaveLength(1);
      expect(outbox.every((m) => m.status === 'sent')).toBe(true);
      expect(await stores.tasks.forCase(caseId)).toHaveLength(1);
      const types = (await stores.timeline.forCase(caseId)).map((e) => e.type);
      for (const once of ['case-opened', 'decided', 'acknowledged', 'task-created', 'closed'])
        expect(types.filter((t) => t === once)).toHaveLength(1);
    } finally {
      await second.stop();
      await mongo.close();
    }
  }, 180_000);

  it('resends a mail sent but not marked when the worker died, once, with the same Message-ID', async () => {
    const { mongo, stores, uri } = await freshDatabase();
    const smtp = await startSmtpInbox();
    const hold = mkdtempSync(join(inject('tmpDir'), 'hold-after-send-'));
    const taskQueue = `crash-send-${randomUUID()}`;
    // The first worker holds every send between the SMTP transaction and markSent.
    const first = startWorker(uri, taskQueue, 'worker-send-a', {
      SMTP_URL: smtp.url,
      RELAIS_TEST_HOLD_AFTER_SEND: hold,
    });
    let second: ManagedProcess | undefined;
    try {
      const address = `mail-${randomUUID().slice(0, 8)}@exemple.fr`;
      const customer = await createCustomer(stores, address);
      await deliverToCustomer(client, taskQueue, customer, inboundMessage({ channel: 'email' }));
      const held = await eventually(
        async () => readdirSync(hold).find((f) => f.includes('send-acknowledgement')),
        'the acknowledgement to be sent and held',
        60_000,
      );
      expect(smtp.to(address)).toHaveLength(1);
      const key = decodeURIComponent(held.slice('sent-'.length));
      expect(await stores.outbox.get(key)).toMatchObject({ status: 'pending', attempts: 1 });
      process.kill(-first.child.pid!, 'SIGKILL');
      await first.exited;

      second = startWorker(uri, taskQueue, 'worker-send-b', { SMTP_URL: smtp.url });
      await eventually(
        async () => (await stores.outbox.get(key))?.status === 'sent',
        'the acknowledgement marked sent by the new worker',
        120_000,
      );
      const doc = await stores.outbox.get(key);
      // The task comes after the acknowledgement: once it is there, no late resend is pending.
      await eventually(
        async () => (await stores.tasks.get(doc!.caseId))?.status === 'queued',
        'the task',
        60_000,
      );
      expect(doc).toMatchObject({ attempts: 2, possibleDuplicate: true });
      // At least once, at most twice: the copy carries the first one's Message-ID.
      const mails = smtp.to(address);
      expect(mails).toHaveLength(2);
      expect(messageIdOf(mails[0]!)).toBe(`<${encodeURIComponent(key)}@relais.local>`);
      expect(messageIdOf(mails[1]!)).toBe(messageIdOf(mails[0]!));
    } finally {
      if (first.child.exitCode === null && first.child.signalCode === null)
        process.kill(-first.child.pid!, 'SIGKILL');
      await second?.stop();
      await smtp.close();
      await mongo.close();
    }
  }, 240_000);
});
