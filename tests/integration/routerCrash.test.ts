import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ManagedProcess } from '../../launcher/process';
import { deliverToCustomer } from '../../worker/inbound/deliver';
import { createRouterClient } from '../../worker/routing/routerClient';
import { caseStateQuery } from '../../workflows/contracts/case';
import { caseWorkflowId, customerWorkflowId } from '../../workflows/contracts/customer';
import { routerWorkflowIdFor } from '../../workflows/contracts/routing';
import { inboundMessage } from '../support/messages';
import { createCustomer } from '../support/realCustomer';
import { eventually, freshDatabase } from '../support/relaisWorker';
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

const manager = { id: 'manager', role: 'manager' as const };

describe('a worker killed mid-offer', () => {
  it('loses nothing and assigns nothing twice once another worker takes over', async () => {
    const { mongo, stores, uri } = await freshDatabase();
    // Long offers, so the one made before the crash is still open when the new worker is up.
    const billing = (await stores.queues.get('billing'))!;
    await stores.queues.save({ ...billing, offerTimeoutSeconds: 600 }, manager);
    await stores.users.create(
      {
        _id: 'rt-ana',
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

    const taskQueue = `router-crash-${randomUUID()}`;
    const router = createRouterClient(client, taskQueue);
    const started = [routerWorkflowIdFor(taskQueue)];
    let first: ManagedProcess | undefined = startWorkerProcess({
      mongoUri: uri,
      taskQueue,
      name: 'router-worker-a',
    });
    let second: ManagedProcess | undefined;
    try {
      // The worker starts the router; presence waits for the router's catalogue.
      await eventually(
        async () =>
          (await router.setPresence({ agentId: 'rt-ana', presence: 'available', reason: null })).ok,
        'rt-ana available',
        120_000,
      );
      const customer = await createCustomer(stores);
      const caseId = await deliverToCustomer(client, taskQueue, customer, inboundMessage());
      started.push(customerWorkflowId(customer.customerId), caseWorkflowId(caseId));
      const offer = await eventually(
        async () => (await router.snapshot())?.waiting.find((w) => w.caseId === caseId)?.offer,
        'the offer',
        120_000,
      );
      process.kill(-first.child.pid!, 'SIGKILL');
      await first.exited;
      first = undefined;

      second = startWorkerProcess({ mongoUri: uri, taskQueue, name: 'router-worker-b' });
      // The update waits for the new worker: the offer made before the crash is still there.
      expect(
        await router.respondOffer({ agentId: 'rt-ana', offerId: offer.offerId, accept: true }),
      ).toEqual({ ok: true, outcome: 'accepted' });
      // The same answer again (a retried request) gets the same answer and assigns nothing more.
      expect(
        await router.respondOffer({ agentId: 'rt-ana', offerId: offer.offerId, accept: true }),
      ).toEqual({ ok: true, outcome: 'accepted' });

      const handle = client.workflow.getHandle(caseWorkflowId(caseId));
      await eventually(
        async () => (await handle.query(caseStateQuery)).assignee === 'rt-ana',
        'the case assigned',
        120_000,
      );
      const snapshot = (await router.snapshot())!;
      expect(snapshot.waiting.find((w) => w.caseId === caseId)).toBeUndefined();
      expect(snapshot.agents.find((a) => a.agentId === 'rt-ana')?.load).toEqual({
        [caseId]: 'email',
      });
      // Every routing event once, in order: none lost or written twice across the crash.
      const events = await eventually(async () => {
        const all = await stores.routingEvents.since(0, 1000);
        return all.some((e) => e.kind === 'assigned' && e.caseId === caseId) && all;
      }, 'the assignment published');
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      const about = events.filter((e) => 'caseId' in e && e.caseId === caseId);
      expect(about.filter((e) => e.kind === 'offer-created')).toHaveLength(1);
      expect(about.filter((e) => e.kind === 'assigned')).toHaveLength(1);
      const types = (await stores.timeline.forCase(caseId)).map((e) => e.type);
      expect(types.filter((t) => t === 'assigned')).toHaveLength(1);
      expect(types.filter((t) => t === 'task-created')).toHaveLength(1);
    } finally {
      if (first) process.kill(-first.child.pid!, 'SIGKILL');
      await second?.stop();
      // The router and the case would otherwise keep timers on the shared server.
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
