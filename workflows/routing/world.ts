import {
  type AgentRouting,
  type AgentState,
  defaultQueueRouting,
  type QueueRouting,
  type RouterState,
} from '../contracts/routing';

/** An agent as routing sees them: the catalogue's profile and the router's live state. */
export interface RoutedAgent {
  routing: AgentRouting;
  state: AgentState;
  /** The agent holds an offer: one at a time. */
  offered: boolean;
}

/** The router's state indexed for the pure routing functions. */
export interface RoutingWorld {
  queues: Map<string, QueueRouting>;
  /** Agents both in the catalogue and known to the router, in catalogue order. */
  agents: RoutedAgent[];
}

export function worldOf(state: RouterState): RoutingWorld {
  const offered = new Set(state.waiting.flatMap((w) => (w.offer ? [w.offer.agentId] : [])));
  const states = new Map(state.agents.map((a) => [a.agentId, a]));
  return {
    queues: new Map(state.catalogue.queues.map((q) => [q.queueId, q])),
    agents: state.catalogue.agents.flatMap((routing) => {
      const s = states.get(routing.agentId);
      return s ? [{ routing, state: s, offered: offered.has(routing.agentId) }] : [];
    }),
  };
}

/** A queue missing from the catalogue routes with the defaults rather than never. */
export const queueOf = (world: RoutingWorld, queueId: string): QueueRouting =>
  world.queues.get(queueId) ?? defaultQueueRouting(queueId);
