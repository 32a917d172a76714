/** A `performance.now()` time as wall-clock ms, comparable with Temporal's and the store's. */
const wall = (at: number): number => performance.timeOrigin + at;

/**
 * Pairs each case's 202 with the first offer seen for it on the event tail, whichever comes
 * first in this process (a fast router can publish before the 202 is read).
 */
export class OfferClock {
  private readonly accepted = new Map<string, number>();
  private readonly offered = new Map<string, number>();
  /** When the router decided each first offer (its `offeredAt`), wall-clock ms. */
  private readonly decided = new Map<string, number>();

  intakeAnswered(caseId: string, at: number): void {
    if (!this.accepted.has(caseId)) this.accepted.set(caseId, at);
  }

  offerSeen(caseId: string, at: number, offeredAt: string): void {
    if (this.offered.has(caseId)) return;
    this.offered.set(caseId, at);
    this.decided.set(caseId, Date.parse(offeredAt));
  }

  /** A case's 202, its offer's decision and its sighting on the tail, wall-clock ms. */
  wallTimes(caseId: string): { answered: number; offerDecided: number; seen: number } | null {
    const a = this.accepted.get(caseId);
    const o = this.offered.get(caseId);
    const d = this.decided.get(caseId);
    if (a === undefined || o === undefined || d === undefined) return null;
    return { answered: wall(a), offerDecided: d, seen: wall(o) };
  }

  /** 202 → first offer, ms, for `caseIds` that have both (never below 0). */
  latencies(caseIds: Iterable<string>): number[] {
    const out: number[] = [];
    for (const id of caseIds) {
      const a = this.accepted.get(id);
      const o = this.offered.get(id);
      if (a !== undefined && o !== undefined) out.push(Math.max(0, o - a));
    }
    return out;
  }

  /** Of `caseIds`, those not offered yet. */
  missing(caseIds: Iterable<string>): string[] {
    return [...caseIds].filter((id) => !this.offered.has(id));
  }
}

/**
 * Decisions per second over a window: `count` decisions between `from` and the last decision,
 * ms timestamps; null when there were none or no time passed.
 */
export function decisionRate(from: number, decisionTimes: readonly number[]): number | null {
  if (decisionTimes.length === 0) return null;
  const last = Math.max(...decisionTimes);
  return last > from ? decisionTimes.length / ((last - from) / 1000) : null;
}
