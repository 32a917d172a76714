import {
  type AgentRouting,
  type AgentState,
  defaultCapacity,
  defaultQueueRouting,
  type QueueRouting,
  type RouterState,
  type WaitingItem,
  type WorkItem,
} from '../../../workflows/contracts/routing';

export const t0 = new Date('2026-03-02T09:00:00.000Z');
export const at = (seconds: number): Date => new Date(t0.getTime() + seconds * 1000);

export const queue = (queueId: string, over: Partial<QueueRouting> = {}): QueueRouting => ({
  ...defaultQueueRouting(queueId),
  ...over,
});

export const agentRouting = (agentId: string, over: Partial<AgentRouting> = {}): AgentRouting => ({
  agentId,
  name: `Agent ${agentId}`,
  skills: [],
  queues: ['general'],
  langs: ['fr', 'en'],
  capacity: defaultCapacity,
  ...over,
});

export const agentState = (agentId: string, over: Partial<AgentState> = {}): AgentState => ({
  agentId,
  name: `Agent ${agentId}`,
  presence: 'available',
  awayReason: null,
  presenceSince: t0.toISOString(),
  idleSince: t0.toISOString(),
  load: {},
  missedOffersInARow: 0,
  wrapUps: {},
  ...over,
});

export const workItem = (caseId: string, over: Partial<WorkItem> = {}): WorkItem => ({
  caseId,
  queue: 'general',
  priority: 3,
  skills: [],
  lang: 'fr',
  channel: 'chat',
  customerName: 'Claire Martin',
  subject: 'Colis',
  waitingSince: t0.toISOString(),
  reason: 'intake',
  excludeAgents: [],
  ...over,
});

export const waiting = (item: WorkItem, over: Partial<WaitingItem> = {}): WaitingItem => ({
  item,
  passedBy: [],
  relaxed: [],
  offer: null,
  ...over,
});

/** A router state with these agents (routing profile and live state) and queues. */
export function routerState(
  agents: { routing: AgentRouting; state?: Partial<AgentState> }[],
  queues: QueueRouting[] = [queue('general')],
  items: WaitingItem[] = [],
): RouterState {
  return {
    catalogue: { queues, agents: agents.map((a) => a.routing) },
    agents: agents.map((a) => agentState(a.routing.agentId, a.state)),
    waiting: items,
    handleTimes: {},
    seq: 0,
    heldQueues: {},
    endedOffers: [],
  };
}
