import type { RoutingEvent } from '../../../../../workflows/contracts/routing';

const encoder = new TextEncoder();

/** One SSE message per event; its id is the seq a reconnecting browser sends back. */
export const sseEvents = (events: readonly RoutingEvent[]): Uint8Array =>
  encoder.encode(events.map((e) => `id: ${e.seq}\ndata: ${JSON.stringify(e)}\n\n`).join(''));

/** A comment line: keeps proxies and the browser from taking a quiet stream for a dead one. */
export const sseComment = (text: string): Uint8Array => encoder.encode(`: ${text}\n\n`);

/** Reconnect after 2 s rather than the browser's default 3 s (the first line of the stream). */
export const sseRetry = (ms: number): Uint8Array => encoder.encode(`retry: ${ms}\n\n`);

/** The seq to resume after: the Last-Event-ID header, or `after` for a fresh EventSource. */
export function resumeAfter(header: string | null, query: string | null): number | null {
  for (const raw of [header, query]) {
    if (raw === null || raw.trim() === '') continue;
    const seq = Number(raw);
    if (Number.isSafeInteger(seq) && seq >= 0) return seq;
  }
  return null;
}
