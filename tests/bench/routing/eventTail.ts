import type { RoutingEvent } from '../../../workflows/contracts/routing';
import type { RoutingEventStore } from '../../../worker/store/routingEvents';

/**
 * Reads `routingEvents` as the designer's live tail does (one indexed read by seq every 200 ms)
 * and hands each event on with the time this process saw it.
 */
export function tailRoutingEvents(
  store: RoutingEventStore,
  onEvent: (event: RoutingEvent, seenAt: number) => void,
  pollMs = 200,
): { stop(): Promise<void> } {
  let stopped = false;
  const loop = (async () => {
    let seq = await store.lastSeq();
    while (!stopped) {
      const events = await store.since(seq, 500);
      const now = performance.now();
      for (const e of events) onEvent(e, now);
      if (events.length > 0) seq = events.at(-1)!.seq;
      if (events.length < 500) await new Promise((r) => setTimeout(r, pollMs));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}
