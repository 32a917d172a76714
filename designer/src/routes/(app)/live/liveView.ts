import type {
  AgentState,
  RouterSnapshot,
  WaitingView,
} from '../../../../../workflows/contracts/routing';

export interface QueueView {
  queue: string;
  waiting: WaitingView[];
  /** Waiting items that are on offer right now. */
  offered: WaitingView[];
  /** When the longest-waiting item started waiting; null when none waits. */
  oldestSince: string | null;
}

/**
 * The snapshot per queue, in the catalogue's order, then any queue only the router knows (a
 * queue removed from the catalogue while work still waits in it); items by position.
 */
export function queueViews(
  snapshot: RouterSnapshot,
  catalogueQueues: readonly string[],
): QueueView[] {
  const names = [...catalogueQueues];
  for (const w of snapshot.waiting) if (!names.includes(w.queue)) names.push(w.queue);
  return names.map((queue) => {
    const waiting = snapshot.waiting
      .filter((w) => w.queue === queue)
      .toSorted((a, b) => a.position - b.position);
    const oldest = waiting.map((w) => w.waitingSince).toSorted()[0] ?? null;
    return {
      queue,
      waiting,
      offered: waiting.filter((w) => w.offer !== null),
      oldestSince: oldest,
    };
  });
}

export const presenceOrder = ['available', 'away', 'offline'] as const;

/** Agents grouped by presence, most loaded first within a group, then by name. */
export function agentsByPresence(agents: readonly AgentState[]) {
  return presenceOrder.map((presence) => ({
    presence,
    agents: agents
      .filter((a) => a.presence === presence)
      .toSorted(
        (a, b) =>
          Object.keys(b.load).length - Object.keys(a.load).length || a.name.localeCompare(b.name),
      ),
  }));
}
