import type { RoutingPolicy } from '../contracts/routing';
import { freeUnits } from './capacity';
import type { RoutedAgent } from './world';

const free = (a: RoutedAgent): number => freeUnits(a.routing.capacity, a.state.load);
const idle = (a: RoutedAgent): boolean => Object.keys(a.state.load).length === 0;
const idleSinceMs = (a: RoutedAgent): number =>
  a.state.idleSince ? new Date(a.state.idleSince).getTime() : Number.POSITIVE_INFINITY;
const byId = (a: RoutedAgent, b: RoutedAgent): number =>
  a.routing.agentId < b.routing.agentId ? -1 : a.routing.agentId > b.routing.agentId ? 1 : 0;

/**
 * "Longest idle": agents with no work first, the one idle the longest first; then agents with
 * work, the one with the most room first. "Most free capacity": the most free units first.
 * Ties go by agent id, so the choice is deterministic (and replays).
 */
export function compareForPolicy(
  policy: RoutingPolicy,
): (a: RoutedAgent, b: RoutedAgent) => number {
  if (policy === 'most-free-capacity') return (a, b) => free(b) - free(a) || byId(a, b);
  return (a, b) => {
    const ia = idle(a);
    const ib = idle(b);
    if (ia !== ib) return ia ? -1 : 1;
    if (ia) return idleSinceMs(a) - idleSinceMs(b) || byId(a, b);
    return free(b) - free(a) || byId(a, b);
  };
}

/** The agent the policy picks among eligible ones; null when there is none. */
export function chooseAgent(eligible: RoutedAgent[], policy: RoutingPolicy): RoutedAgent | null {
  return [...eligible].sort(compareForPolicy(policy))[0] ?? null;
}
