import type { RouterState } from '../contracts/routing';
import { chooseAgent } from './choice';
import { eligibleAgents, routingKey } from './eligibility';
import { workOrder } from './workOrder';
import { queueOf, type RoutingWorld, worldOf } from './world';

/** One decision of a round: offer the case to the agent, or assign it at once (auto-accept). */
export interface Assignment {
  caseId: string;
  agentId: string;
  autoAccept: boolean;
}

/**
 * Which offers and auto-assignments to make now: items not on offer, in work order, each given
 * the best eligible agent not already picked in this round. One pick per agent per round keeps
 * the round's decisions independent; the router runs rounds until one decides nothing.
 *
 * The backlog can hold a thousand items for a handful of free agents, and the router runs this
 * in every workflow task: only Available agents free of an offer are looked at, the walk stops
 * once each is picked, and an item like one that found nobody is skipped (picks only shrink
 * the choice). The decisions are those of a walk over every item.
 */
export function assignmentRound(state: RouterState, now: Date): Assignment[] {
  const world = worldOf(state);
  const free: RoutingWorld = {
    ...world,
    agents: world.agents.filter((a) => a.state.presence === 'available' && !a.offered),
  };
  const taken = new Set<string>();
  const nobodyFor = new Set<string>();
  const decided: Assignment[] = [];
  if (free.agents.length === 0) return decided;
  for (const w of workOrder(state.waiting, world, now)) {
    if (taken.size === free.agents.length) break;
    if (w.offer) continue;
    const key = routingKey(w, world);
    if (nobodyFor.has(key)) continue;
    const queue = queueOf(world, w.item.queue);
    const agent = chooseAgent(eligibleAgents(w, free, taken), queue.policy);
    if (!agent) {
      nobodyFor.add(key);
      continue;
    }
    taken.add(agent.routing.agentId);
    decided.push({
      caseId: w.item.caseId,
      agentId: agent.routing.agentId,
      autoAccept: queue.autoAccept,
    });
  }
  return decided;
}
