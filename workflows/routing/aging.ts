import type { QueueRouting, WorkItem } from '../contracts/routing';

const minuteMs = 60_000;
/** The most urgent priority; aging never goes past it. */
export const topPriority = 1;

const waitedMs = (item: WorkItem, now: Date): number =>
  Math.max(0, now.getTime() - new Date(item.waitingSince).getTime());

/**
 * Priority 1 is the most urgent; a waiting item rises one step (towards 1) every
 * `agingMinutes` of waiting, so old low-priority work is not starved by a stream of urgent work.
 */
export function effectivePriority(item: WorkItem, queue: QueueRouting, now: Date): number {
  if (queue.agingMinutes === 0) return item.priority;
  const steps = Math.floor(waitedMs(item, now) / (queue.agingMinutes * minuteMs));
  return Math.max(topPriority, item.priority - steps);
}

/** When the item's priority next rises; null when it never will again. */
export function nextAgingAt(item: WorkItem, queue: QueueRouting, now: Date): Date | null {
  if (queue.agingMinutes === 0 || effectivePriority(item, queue, now) <= topPriority) return null;
  const step = queue.agingMinutes * minuteMs;
  const steps = Math.floor(waitedMs(item, now) / step);
  return new Date(new Date(item.waitingSince).getTime() + (steps + 1) * step);
}
