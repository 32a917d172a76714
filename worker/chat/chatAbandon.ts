/**
 * How often an open chat stream marks its visitor present: a few times within the abandonment
 * delay, so one late beat never passes for a visitor gone, and no more than every 10 s.
 */
export const presenceBeatMs = (abandonSeconds: number): number =>
  Math.max(500, Math.min(10_000, (abandonSeconds * 1000) / 4));

/** How often the sweeper looks for visitors gone: a visitor is reported within a third more. */
export const sweepEveryMs = (abandonSeconds: number): number =>
  Math.max(1_000, Math.min(30_000, (abandonSeconds * 1000) / 3));

/** Marks older than this mean the visitor has been gone for the abandonment delay. */
export const goneBefore = (now: Date, abandonSeconds: number): Date =>
  new Date(now.getTime() - abandonSeconds * 1000);
