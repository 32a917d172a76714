import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../../launcher/paths';
import { spawnManaged, type ManagedProcess } from '../../launcher/process';
import { defaultRuleSet } from '../../rules/defaults/defaultRuleSet';
import type { RuleSet } from '../../rules/model/ruleSet';
import { caseForMessage, deliverToCustomer } from '../../worker/inbound/deliver';
import { claimUpdate, replyUpdate, resolveUpdate } from '../../workflows/contracts/case';
import { caseWorkflowId } from '../../workflows/contracts/customer';
import { storeCustomer } from '../support/customers';
import { customerProfile, inboundMessage } from '../support/messages';
import { eventually, freshDatabase } from '../support/relaisWorker';

let connection: Connection;
let client: Client;
beforeAll(async () => {
  connection = await Connection.connect({ address: inject('temporalAddress') });
  client = new Client({ connection });
});
afterAll(async () => {
  await connection?.close();
});

/** The real worker process (`npm run worker`), as production runs it. */
function startWorker(mongoUri: string, taskQueue: string, name: string): ManagedProcess {
  return spawnManaged({
    name,
    command: process.execPath,
    args: ['--import', 'tsx', join(repoRoot, 'worker', 'main.ts')],
    cwd: repoRoot,
    env: {
      MONGODB_URI: mongoUri,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: taskQueue,
    },
    output: join(inject('tmpDir'), `${name}-${taskQueue}.log`),
  });
}

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
    const customer = customerProfile();
    await storeCustomer(stores, customer);
    const message = inboundMessage();
    await deliverToCustomer(client, taskQueue, customer, message);
    const caseId = await eventually(
      () => caseForMessage(client, customer.customerId, message.messageId, 0),
      'the case to open',
      60_000,
    );
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
});
