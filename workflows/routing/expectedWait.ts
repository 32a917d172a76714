import { capacityClassOf, type RouterState, type WaitingItem } from '../contracts/routing';
import { itemUnits } from './capacity';
import { routingKey } from './eligibility';
import { relaxedRequirements } from './relaxation';
import { queueOf, type RoutingWorld } from './world';

/** The handle time assumed while a queue has none recorded yet. */
export const defaultHandleSeconds = 300;
/** How many recent handle times per queue the estimate averages. */
export const handleTimeWindow = 20;

/**
 * Expected wait = (items ahead of it in its queue + 1) / max(1, agents present who could take
 * it) × the mean of the queue's last 20 handle times (300 s while none). "Could take it": serves
 * the queue, has the skills (after relaxation), speaks the language, takes the channel's class
 * and is Available, whatever they hold now. Null when no agent serves the queue at all.
 */
export function expectedWaitSeconds(
  w: WaitingItem,
  ahead: number,
  world: RoutingWorld,
  handleTimes: RouterState['handleTimes'],
): number | null {
  return expectedWaits(world, handleTimes)(w, ahead);
}

/** `expectedWaitSeconds` for the items of one world, the agents able counted once per routing key. */
export function expectedWaits(
  world: RoutingWorld,
  handleTimes: RouterState['handleTimes'],
): (w: WaitingItem, ahead: number) => number | null {
  const ableByKey = new Map<string, number | null>();
  const able = (w: WaitingItem): number | null => {
    const key = routingKey(w, world);
    if (!ableByKey.has(key)) ableByKey.set(key, ableAgents(w, world));
    return ableByKey.get(key)!;
  };
  return (w, ahead) => {
    const count = able(w);
    if (count === null) return null;
    const recent = (handleTimes[w.item.queue] ?? []).slice(-handleTimeWindow);
    const mean =
      recent.length === 0
        ? defaultHandleSeconds
        : recent.reduce((s, t) => s + t, 0) / recent.length;
    return Math.round(((ahead + 1) / Math.max(1, count)) * mean);
  };
}

/** The agents present who could take the item; null when no agent serves its queue. */
function ableAgents(w: WaitingItem, world: RoutingWorld): number | null {
  const { item } = w;
  const serving = world.agents.filter((a) => a.routing.queues.includes(item.queue));
  if (serving.length === 0) return null;
  const needs = relaxedRequirements(w, queueOf(world, item.queue).relaxation);
  const cls = capacityClassOf(item.channel);
  return serving.filter(
    (a) =>
      a.state.presence === 'available' &&
      a.routing.langs.includes(item.lang) &&
      itemUnits(a.routing.capacity, cls) !== null &&
      needs.every(
        (n) => (a.routing.skills.find((s) => s.skill === n.skill)?.level ?? 0) >= n.minLevel,
      ),
  ).length;
}
