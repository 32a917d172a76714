/**
 * Workflow time. Temporal's sandbox replaces Date with the deterministic workflow clock, so this
 * is safe to replay; keeping it in one place makes that assumption visible and greppable.
 */
export const workflowNow = (): Date => new Date(Date.now());

/** Whole milliseconds: promises count seconds (0.5 min), and 7 / 60 min must be 7,000 ms exactly. */
export const minutesToMs = (minutes: number): number => Math.round(minutes * 60_000);
