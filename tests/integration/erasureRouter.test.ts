import { Client, Connection } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ManagedProcess } from '../../launcher/process';
import { deliverToCustomer } from '../../worker/inbound/deliver';
import { payloadKeyId } from '../../worker/privacy/encryptionCodec';
import { customerKeyId } from '../../worker/privacy/keyChoice';
import { createRouterClient } from '../../worker/routing/routerClient';
import { caseWorkflowId, customerWorkflowId } from '../../workflows/contracts/customer';
import { routerWorkflowIdFor } from '../../workflows/contracts/routing';
import { erasureWorkflowId } from '../../workflows/privacy/erasureIds';
import { inboundMessage } from '../support/messages';
import { testDataConverter, testEncryption } from '../support/privacy';
import { createCustomer } from '../support/realCustomer';
import { eventually, freshDatabase } from '../support/relaisWorker';
import { startWorkerProcess } from '../support/workerProcess';

/**
 * The router's history holds the hand-overs of every customer's cases, each under that
 * customer's data key. Once a customer is erased, the router must never need to replay a run
 * holding theirs: a worker with an empty cache would fail to decode it and routing would stop
 * for everyone.
 */

let connection: Connection;
let client: Client;
beforeAll(async () => {
  connection = await Connection.connect({ address: inject('temporalAddress') });
  client = new Client({ connection, dataConverter: await testDataConverter() });
});
afterAll(async () => {
  await connection?.close();
});

function payloadsIn(value: unknown, out: Payload[] = []): Payload[] {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return out;
  const v = value as Record<string, unknown>;
  if (v.data instanceof Uint8Array && v.metadata !== undefined) out.push(v as Payload);
  else for (const child of Object.values(v)) payloadsIn(child, out);
  return out;
}

describe('erasure and the router', () => {
  it('leaves a router that replays and routes on a fresh worker', async () => {
    const { mongo, stores, uri } = await freshDatabase();
    await stores.users.create(
      {
        _id: 'er-ana',
        name: 'Ana Routage',
        role: 'agent',
        lang: 'fr',
        routing: {
          skills: [{ skill: 'billing', level: 3 }],
          queues: ['billing'],
          langs: ['fr'],
          capacity: { voice: 1, chat: 3, email: 10 },
        },
      },
      'routing-test-password',
    );
    const taskQueue = `erasure-router-${randomUUID()}`;
    const routerId = routerWorkflowIdFor(taskQueue);
    const router = createRouterClient(client, taskQueue);
    const started = [routerId];
    let first: ManagedProcess | undefined = startWorkerProcess({
      mongoUri: uri,
      taskQueue,
      name: 'erasure-router-a',
    });
    let second: ManagedProcess | undefined;
    try {
      // Nobody is available: the customer's case waits in the router.
      const gone = await createCustomer(stores);
      const goneCase = await deliverToCustomer(client, taskQueue, gone, inboundMessage());
      started.push(customerWorkflowId(gone.customerId), caseWorkflowId(goneCase));
      await eventually(
        async () => (await router.snapshot())?.waiting.some((w) => w.caseId === goneCase),
        'the case waiting in the router',
        120_000,
      );
      const runBefore = (await client.workflow.getHandle(routerId).describe()).runId;

      const subject = gone.customerId;
      await client.workflow.execute('erasureWorkflow', {
        workflowId: erasureWorkflowId(subject),
        taskQueue,
        args: [{ subject, reason: 'request', requestedBy: 'manager' }],
      });

      // The router runs on in a new run whose history holds nothing under the destroyed key,
      // nor the customer's name or subject.
      const { runId } = await client.workflow.getHandle(routerId).describe();
      expect(runId).not.toBe(runBefore);
      const history = await client.workflow.getHandle(routerId, runId).fetchHistory();
      const payloads = payloadsIn(history.events);
      expect(payloads.length).toBeGreaterThan(0);
      expect(payloads.map(payloadKeyId)).not.toContain(customerKeyId(subject));
      const { codec } = await testEncryption();
      const text = (await codec.decode(payloads))
        .map((p) => Buffer.from(p.data ?? []).toString())
        .join();
      expect(text).not.toContain(goneCase);
      expect(text).not.toContain(gone.name);
      expect(text).not.toContain(inboundMessage().subject);

      // A fresh worker process has no cache: it replays the router's current run.
      process.kill(-first.child.pid!, 'SIGKILL');
      await first.exited;
      first = undefined;
      second = startWorkerProcess({ mongoUri: uri, taskQueue, name: 'erasure-router-b' });
      await eventually(
        async () =>
          (await router.setPresence({ agentId: 'er-ana', presence: 'available', reason: null })).ok,
        'er-ana available',
        120_000,
      );
      const kept = await createCustomer(stores);
      const keptCase = await deliverToCustomer(client, taskQueue, kept, inboundMessage());
      started.push(customerWorkflowId(kept.customerId), caseWorkflowId(keptCase));
      const offer = await eventually(
        async () => (await router.snapshot())?.waiting.find((w) => w.caseId === keptCase)?.offer,
        'the offer of the new case',
        120_000,
      );
      expect(offer.agentId).toBe('er-ana');
    } finally {
      if (first) process.kill(-first.child.pid!, 'SIGKILL');
      await second?.stop();
      // The router and the cases would otherwise keep timers on the shared server.
      await Promise.all(
        started.map((id) =>
          client.workflow
            .getHandle(id)
            .terminate('test finished')
            .catch(() => undefined),
        ),
      );
      await mongo.close();
    }
  }, 300_000);
});
