import type { RouterState } from '../contracts/routing';
import { chooseAgent } from './choice';
import { eligibleAgents } from './eligibility';
import { workOrder } from './workOrder';
import { queueOf, worldOf } from './world';

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
 */
export function assignmentRound(state: RouterState, now: Date): Assignment[] {
  const world = worldOf(state);
  const taken = new Set<string>();
  const decided: Assignment[] = [];
  for (const w of workOrder(state.waiting, world, now)) {
    if (w.offer) continue;
    const queue = queueOf(world, w.item.queue);
    const agent = chooseAgent(eligibleAgents(w, world, taken), queue.policy);
    if (!agent) continue;
    taken.add(agent.routing.agentId);
    decided.push({
      caseId: w.item.caseId,
      agentId: agent.routing.agentId,
      autoAccept: queue.autoAccept,
    });
  }
  return decided;
}
