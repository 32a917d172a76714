import type { RoutingEvent } from '../../../../../workflows/contracts/routing';

/**
 * The events that follow `seq` without a hole. The router numbers its events one by one, so a
 * missing seq is a write that has not landed yet, not one that never will (for a while).
 */
export function contiguousUpTo(events: readonly RoutingEvent[], seq: number): RoutingEvent[] {
  const out: RoutingEvent[] = [];
  let next = seq + 1;
  for (const e of events) {
    if (e.seq !== next) break;
    out.push(e);
    next += 1;
  }
  return out;
}
