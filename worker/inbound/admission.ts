/** Contacts one designer process takes in at once by default: a 2-core machine's capacity. */
export const defaultMaxInFlight = 16;

/** Seconds a caller turned away by the in-flight limit should wait: contacts take well under one. */
export const overloadRetryAfterSeconds = 1;

/**
 * Bounds the contacts being taken in at once. Past the limit more callers only queue up on the
 * same servers, so every contact gets slower and, past a point, none finishes; a caller turned
 * away early retries once the contacts ahead of it are in, and throughput stays at capacity.
 */
export class InFlightLimit {
  private inFlight = 0;

  constructor(readonly max: number) {}

  /** Runs `work` if there is room, else answers null at once without running it. */
  async run<T>(work: () => Promise<T>): Promise<T | null> {
    if (this.inFlight >= this.max) return null;
    this.inFlight += 1;
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
    }
  }
}

export interface OverloadedOutcome {
  status: 429;
  body: { code: 'overloaded'; message: string };
}

export const overloadedOutcome = (max: number): OverloadedOutcome => ({
  status: 429,
  body: {
    code: 'overloaded',
    message: `${max} contacts are already being taken in: nothing was written, retry in ${overloadRetryAfterSeconds} s`,
  },
});
