/**
 * Workflow time. Temporal's sandbox replaces Date with the deterministic workflow clock, so this
 * is safe to replay; keeping it in one place makes that assumption visible and greppable.
 */
export const workflowNow = (): Date => new Date(Date.now());

export const minutesToMs = (minutes: number): number => minutes * 60_000;
