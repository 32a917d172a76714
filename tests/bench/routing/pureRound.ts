import { assignmentRound } from '../../../workflows/routing/assignmentRound';
import { workOrder } from '../../../workflows/routing/workOrder';
import { worldOf } from '../../../workflows/routing/world';
import type {
  AgentState,
  RouterState,
  RoutingCatalogue,
  WaitingItem,
} from '../../../workflows/contracts/routing';
import { summarise, type LatencySummary } from '../intake/stats';

/**
 * `count` chat items on `queue` as intake hands them over: priorities 1–5, waiting since the
 * last hour, so aging and age both weigh in the order.
 */
export function waitingItems(count: number, queue: string, now: Date): WaitingItem[] {
  return Array.from({ length: count }, (_, i) => ({
    item: {
      caseId: `pure-${i}`,
      queue,
      priority: (i % 5) + 1,
      skills: [],
      lang: 'fr' as const,
      channel: 'chat' as const,
      customerName: `Client ${i}`,
      subject: 'Commande',
      waitingSince: new Date(now.getTime() - ((i * 7919) % 3_600_000)).toISOString(),
      reason: 'intake' as const,
      excludeAgents: [],
    },
    passedBy: [],
    relaxed: [],
    offer: null,
  }));
}

/** The router's state with `agents` Available and idle, and `waiting` not yet offered. */
export function routerStateOf(
  catalogue: RoutingCatalogue,
  agentIds: readonly string[],
  waiting: WaitingItem[],
  now: Date,
): RouterState {
  const at = now.toISOString();
  const agents: AgentState[] = catalogue.agents
    .filter((a) => agentIds.includes(a.agentId))
    .map((a) => ({
      agentId: a.agentId,
      name: a.name,
      presence: 'available',
      awayReason: null,
      presenceSince: at,
      idleSince: at,
      load: {},
      missedOffersInARow: 0,
      wrapUps: {},
    }));
  return { catalogue, agents, waiting, handleTimes: {}, seq: 0, heldQueues: {}, endedOffers: [] };
}

export interface PureRoundResult {
  decisionsPerRound: number;
  /** Duration of one call, ms, over `repeats` calls. */
  round: LatencySummary;
  sort: LatencySummary;
}

/**
 * The router's pure assignment round on `state`, against the work-order sort it starts with
 * (the baseline: what ordering alone costs on the same items).
 */
export function timePureRound(state: RouterState, now: Date, repeats: number): PureRoundResult {
  const round: number[] = [];
  const sort: number[] = [];
  let decisions = 0;
  for (let i = 0; i < repeats; i += 1) {
    let t = performance.now();
    decisions = assignmentRound(state, now).length;
    round.push(performance.now() - t);
    t = performance.now();
    workOrder(state.waiting, worldOf(state), now);
    sort.push(performance.now() - t);
  }
  return { decisionsPerRound: decisions, round: summarise(round), sort: summarise(sort) };
}
