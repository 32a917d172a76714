import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { handOver } from '../../worker/routing/handOver';
import { createRouterClient } from '../../worker/routing/routerClient';
import {
  routerWorkflowIdFor,
  type RoutingEvent,
  type WorkItem,
} from '../../workflows/contracts/routing';
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
const backlog = 1_000;
const agents = ['bl-1', 'bl-2', 'bl-3', 'bl-4'];
const chatsAtOnce = 3;

/** `backlog` chat items as a case's intake hands them over, with no case behind them. */
function items(run: string): WorkItem[] {
  const now = Date.now();
  return Array.from({ length: backlog }, (_, i) => ({
    caseId: `${run}-${i}`,
    queue: 'general',
    priority: (i % 5) + 1,
    skills: [],
    lang: 'fr' as const,
    channel: 'chat' as const,
    customerName: `Client ${i}`,
    subject: 'Commande',
    waitingSince: new Date(now - ((i * 7919) % 3_600_000)).toISOString(),
    reason: 'intake' as const,
    excludeAgents: [],
  }));
}

const unhandledCommand =
  temporal.api.enums.v1.WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND;

/** Workflow task failures and timeouts over every run of the router (continue-as-new chain). */
async function failedTasks(workflowId: string): Promise<string[]> {
  const found: string[] = [];
  for await (const run of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    const history = await client.workflow.getHandle(workflowId, run.runId).fetchHistory();
    for (const e of history.events ?? []) {
      if (e.workflowTaskTimedOutEventAttributes)
        found.push(`${run.runId} #${String(e.eventId)} task timed out`);
      // The server refuses a completion (continue-as-new) when a signal came in meanwhile, and
      // the next task handles the signal first: Temporal's normal race, nothing lost.
      const failed = e.workflowTaskFailedEventAttributes;
      if (failed && failed.cause !== unhandledCommand)
        found.push(`${run.runId} #${String(e.eventId)} task failed: ${failed.failure?.message}`);
    }
  }
  return found;
}

/** Replays the stored events: never two open offers for one item, never an agent over capacity. */
function invariantBreaches(events: RoutingEvent[]): string[] {
  const open = new Map<string, string>();
  const load = new Map<string, Set<string>>();
  const breaches: string[] = [];
  for (const e of events) {
    if (e.kind === 'offer-created') {
      if (open.has(e.caseId)) breaches.push(`seq ${e.seq}: ${e.caseId} offered twice at once`);
      open.set(e.caseId, e.offer.offerId);
    } else if (e.kind === 'offer-ended') open.delete(e.caseId);
    else if (e.kind === 'assigned') {
      const held = load.get(e.agentId) ?? new Set<string>();
      held.add(e.caseId);
      load.set(e.agentId, held);
      if (held.size > chatsAtOnce)
        breaches.push(`seq ${e.seq}: ${e.agentId} holds ${held.size} chats`);
    } else if (e.kind === 'released') load.get(e.agentId)?.delete(e.caseId);
  }
  return breaches;
}

describe('a router with 1,000 waiting items on the real dev server', () => {
  it('holds them with reasons, offers each while agents accept, and no workflow task fails', async () => {
    const { mongo, stores, uri } = await freshDatabase();
    const general = (await stores.queues.get('general'))!;
    await stores.queues.save({ ...general, autoAccept: false, offerTimeoutSeconds: 120 }, manager);
    for (const agentId of agents)
      await stores.users.create(
        {
          _id: agentId,
          name: `Agent ${agentId}`,
          role: 'agent',
          lang: 'fr',
          routing: {
            skills: [],
            queues: ['general'],
            langs: ['fr'],
            capacity: { voice: 1, chat: chatsAtOnce, email: 10 },
          },
        },
        'routing-test-password',
      );
    const taskQueue = `router-backlog-${randomUUID()}`;
    const router = createRouterClient(client, taskQueue);
    const workflowId = routerWorkflowIdFor(taskQueue);
    const worker = startWorkerProcess({
      mongoUri: uri,
      taskQueue,
      name: 'router-backlog',
    });
    try {
      await eventually(
        async () =>
          (await router.setPresence({ agentId: agents[0]!, presence: 'away', reason: 'meeting' }))
            .ok,
        'the router with its catalogue',
        180_000,
      );
      const work = items(`bl${Date.now().toString(36)}`);
      const senders = 8;
      await Promise.all(
        Array.from({ length: senders }, (_, k) =>
          handOver(
            client,
            taskQueue,
            work.filter((_, i) => i % senders === k).map((item) => ({ kind: 'route', item })),
          ),
        ),
      );

      // Nobody is Available: every item waits, each with its reason.
      const held = await eventually(
        async () => {
          const s = await router.snapshot();
          return s && s.waiting.length === backlog ? s : null;
        },
        `the router holding ${backlog} items`,
        180_000,
      );
      expect(held.waiting.filter((w) => w.reason === null && w.offer === null)).toEqual([]);

      // The agents take every offer as it comes; items without a case free them at once.
      for (const agentId of agents)
        expect(
          (await router.setPresence({ agentId, presence: 'available', reason: null })).ok,
        ).toBe(true);
      const answered = new Set<string>();
      const accepted = new Set<string>();
      await eventually(
        async () => {
          const s = await router.snapshot();
          if (!s) return false;
          const offers = s.waiting.flatMap((w) =>
            w.offer && !answered.has(w.offer.offerId) ? [w.offer] : [],
          );
          await Promise.all(
            offers.map(async (offer) => {
              answered.add(offer.offerId);
              const r = await router.respondOffer({
                agentId: offer.agentId,
                offerId: offer.offerId,
                accept: true,
              });
              expect(r).toEqual({ ok: true, outcome: 'accepted' });
              accepted.add(offer.caseId);
            }),
          );
          // Reasons are recomputed by each routing round: a snapshot taken between a presence
          // change or an accept and the round that follows it may show items without one yet.
          return accepted.size === backlog;
        },
        `every one of ${backlog} items offered and accepted`,
        420_000,
      );

      const events = await stores.routingEvents.since(0, 100_000);
      expect(invariantBreaches(events)).toEqual([]);
      expect(await failedTasks(workflowId)).toEqual([]);
      // A claim checks the agent's room against the router's own load and the catalogue.
      expect(await router.room(agents[0]!)).toMatchObject({
        capacity: { voice: 1, chat: chatsAtOnce, email: 10 },
      });
      expect(await router.room('nobody')).toBeNull();
    } finally {
      await worker.stop();
      await client.workflow
        .getHandle(workflowId)
        .terminate('test over')
        .catch(() => {});
      await mongo.close();
    }
  }, 900_000);
});
