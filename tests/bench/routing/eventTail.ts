import { contiguousUpTo } from '../../../designer/src/lib/server/live/contiguous';
import type { RoutingEvent } from '../../../workflows/contracts/routing';
import type { RoutingEventStore } from '../../../worker/store/routingEvents';

/**
 * Reads `routingEvents` as the designer's live tail does: one indexed read by seq every 200 ms,
 * holding events back behind a hole in the seqs for up to 3 s (a write still landing), and
 * hands each event on with the time this process saw it.
 */
export function tailRoutingEvents(
  store: RoutingEventStore,
  onEvent: (event: RoutingEvent, seenAt: number) => void,
  pollMs = 200,
  gapWaitMs = 3000,
): { stop(): Promise<void> } {
  let stopped = false;
  const loop = (async () => {
    let seq = await store.lastSeq();
    let gapSince: number | null = null;
    while (!stopped) {
      const read = await store.since(seq, 500);
      const now = performance.now();
      let events = contiguousUpTo(read, seq);
      if (events.length < read.length) {
        gapSince ??= now;
        if (now - gapSince >= gapWaitMs) events = read;
      }
      if (events.length === read.length) gapSince = null;
      for (const e of events) onEvent(e, now);
      if (events.length > 0) seq = events.at(-1)!.seq;
      if (read.length < 500) await new Promise((r) => setTimeout(r, pollMs));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}
