export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** A run at least this long counts as healthy: the next crash waits `initialMs` again. */
  healthyMs: number;
}

export const restartBackoff: BackoffOptions = { initialMs: 1000, maxMs: 30_000, healthyMs: 60_000 };

/**
 * Exponential restart delays (1 s, 2 s, 4 s … 30 s by default) so that a child crashing at
 * start-up does not spin, while one that crashes after a healthy minute comes back at once.
 */
export class Backoff {
  private nextMs: number;

  constructor(private readonly opts: BackoffOptions = restartBackoff) {
    this.nextMs = opts.initialMs;
  }

  /** The delay before the next start, given how long the run that just ended lasted. */
  afterRun(uptimeMs: number): number {
    if (uptimeMs >= this.opts.healthyMs) this.nextMs = this.opts.initialMs;
    const delay = this.nextMs;
    this.nextMs = Math.min(this.nextMs * 2, this.opts.maxMs);
    return delay;
  }
}
