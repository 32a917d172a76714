import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { workItem } from '../unit/routing/fixtures';
import {
  type AgentRouting,
  type AgentState,
  defaultQueueRouting,
  type QueueRouting,
  releaseWorkSignal,
  respondOfferUpdate,
  routerSnapshotQuery,
  type RouterActivities,
  type RouterState,
  type RouterWorkflowInput,
  routeWorkSignal,
  type RoutingEvent,
  setPresenceUpdate,
  withdrawWorkSignal,
  type WorkItem,
} from '../../workflows/contracts/routing';
import { createRouterActivities } from '../../worker/routing/routerActivities';
import { createRouterActivityWorker, runBeside } from '../../worker/routing/routerActivityWorker';
import type { Stores } from '../../worker/store/stores';
import { recordHistory } from '../support/histories';
import { eventually, freshDatabase } from '../support/relaisWorker';
import { createTimeSkippingEnv } from '../support/timeSkipping';
import { testDataConverter } from '../support/privacy';

export const queue = (queueId: string, over: Partial<QueueRouting> = {}): QueueRouting => ({
  ...defaultQueueRouting(queueId),
  ...over,
});
export const agent = (agentId: string, over: Partial<AgentRouting> = {}): AgentRouting => ({
  agentId,
  name: agentId,
  skills: [],
  queues: ['general'],
  langs: ['fr', 'en'],
  capacity: { voice: 1, chat: 3, email: 10 },
  ...over,
});

/**
 * A router on the time-skipping server, with its real activities on a fresh FerretDB database.
 * The catalogue comes in through the input state (as after a continue-as-new); agents start
 * Available, the first listed idle the longest.
 */
export class RouterWorld {
  constructor(
    readonly env: TestWorkflowEnvironment,
    readonly stores: Stores,
    readonly handle: WorkflowHandle,
  ) {}

  async now(): Promise<Date> {
    return new Date(await this.env.currentTimeMs());
  }

  async item(caseId: string, over: Partial<WorkItem> = {}): Promise<WorkItem> {
    return workItem(caseId, { waitingSince: (await this.now()).toISOString(), ...over });
  }

  route(item: WorkItem) {
    return this.handle.signal(routeWorkSignal, item);
  }
  withdraw(caseId: string, assignedTo: string | null) {
    return this.handle.signal(withdrawWorkSignal, { caseId, assignedTo, reason: 'claimed' });
  }
  release(caseId: string, agentId: string, handledSeconds: number | null = 120) {
    return this.handle.signal(releaseWorkSignal, { caseId, agentId, handledSeconds });
  }
  presence(agentId: string, presence: AgentState['presence']) {
    return this.handle.executeUpdate(setPresenceUpdate, {
      args: [{ agentId, presence, reason: presence === 'away' ? 'break' : null }],
    });
  }
  respond(agentId: string, offerId: string, accept: boolean) {
    return this.handle.executeUpdate(respondOfferUpdate, { args: [{ agentId, offerId, accept }] });
  }
  snapshot() {
    return this.handle.query(routerSnapshotQuery);
  }

  /** Waits until the case is on offer to `agentId`, and returns the offer. */
  async offered(caseId: string, agentId: string) {
    return eventually(async () => {
      const w = (await this.snapshot()).waiting.find((x) => x.caseId === caseId);
      return w?.offer?.agentId === agentId && w.offer;
    }, `${caseId} on offer to ${agentId}`);
  }

  /**
   * Every event the router published so far, once it has published up to `atLeast` of them and
   * at least one of each kind in `kinds`: the router's state moves before its publish activity
   * stores the events, so a test reads them only once what it expects has landed.
   */
  async events(atLeast = 0, kinds: RoutingEvent['kind'][] = []): Promise<RoutingEvent[]> {
    return eventually(
      async () => {
        const all = await this.stores.routingEvents.since(0, 100_000);
        const counts = new Map<string, number>();
        for (const e of all) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
        const needed = new Map<string, number>();
        for (const k of kinds) needed.set(k, (needed.get(k) ?? 0) + 1);
        const landed = [...needed].every(([k, n]) => (counts.get(k) ?? 0) >= n);
        return all.length >= atLeast && landed && all;
      },
      `${atLeast} routing events with ${kinds.join(', ') || 'any kinds'}`,
    );
  }
}

export async function withRouter(
  setup: {
    queues: QueueRouting[];
    agents: AgentRouting[];
    historyEventBudget?: number;
    /** Wraps the real activities, e.g. to hold a publish back. */
    activities?: (real: RouterActivities) => RouterActivities;
  },
  body: (w: RouterWorld) => Promise<void>,
): Promise<void> {
  const env = await createTimeSkippingEnv();
  const { mongo, stores } = await freshDatabase();
  try {
    const taskQueue = `router-${randomUUID()}`;
    const real = createRouterActivities({ stores });
    const activities = setup.activities?.(real) ?? real;
    const dataConverter = await testDataConverter();
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      dataConverter,
      workflowBundle: { codePath: inject('workflowBundlePath') },
      activities,
    });
    const routerWorker = await createRouterActivityWorker({
      connection: env.nativeConnection,
      taskQueue,
      dataConverter,
      activities,
    });
    const start = new Date(await env.currentTimeMs());
    const state: RouterState = {
      catalogue: { queues: setup.queues, agents: setup.agents },
      agents: setup.agents.map((a, i) => ({
        agentId: a.agentId,
        name: a.name,
        presence: 'available',
        awayReason: null,
        presenceSince: start.toISOString(),
        idleSince: new Date(start.getTime() - (setup.agents.length - i) * 1000).toISOString(),
        load: {},
        missedOffersInARow: 0,
        wrapUps: {},
      })),
      waiting: [],
      handleTimes: {},
      seq: 0,
      heldQueues: {},
      endedOffers: [],
    };
    const input: RouterWorkflowInput = { state, historyEventBudget: setup.historyEventBudget };
    const workflowId = `router-${randomUUID()}`;
    await runBeside(worker, routerWorker, async () => {
      const handle = await env.client.workflow.start('routerWorkflow', {
        workflowId,
        taskQueue,
        args: [input],
      });
      try {
        await body(new RouterWorld(env, stores, handle));
      } finally {
        const latest = env.client.workflow.getHandle(workflowId);
        await latest.terminate('test finished').catch(() => undefined);
        await recordHistory(workflowId, await latest.fetchHistory());
      }
    });
  } finally {
    await mongo.close();
    await env.teardown();
  }
}
