import type { WaitingItem } from '../contracts/routing';
import { effectivePriority } from './aging';
import { queueOf, type RoutingWorld } from './world';

/**
 * The order work is served in: effective priority first (1 before 5), then the longest waiting.
 * Stable: items alike keep the order they arrived in, so the order survives continue-as-new.
 */
export function workOrder(waiting: WaitingItem[], world: RoutingWorld, now: Date): WaitingItem[] {
  return waiting
    .map((w, index) => ({
      w,
      index,
      priority: effectivePriority(w.item, queueOf(world, w.item.queue), now),
      since: new Date(w.item.waitingSince).getTime(),
    }))
    .sort((a, b) => a.priority - b.priority || a.since - b.since || a.index - b.index)
    .map((e) => e.w);
}
