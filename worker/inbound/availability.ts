import { isGrpcServiceError, ServiceError, type Client } from '@temporalio/client';
import { MongoNetworkError, MongoServerSelectionError, type Db } from 'mongodb';

export type Dependency = 'mongodb' | 'temporal';

/** How long a check may take: a down server must not hold a request longer than this. */
export const availabilityBudgetMs = 700;

/** Seconds a caller should wait before retrying while a dependency is down. */
export const retryAfterSeconds = 5;

/**
 * The dependencies that did not answer within `budgetMs`, asked at once. Both clients would
 * otherwise wait for their servers (MongoDB's server selection, Temporal's retries) for 10–20 s.
 */
export async function unavailable(
  deps: { db: Db; client: Client },
  budgetMs = availabilityBudgetMs,
): Promise<Dependency[]> {
  const [mongodb, temporal] = await Promise.allSettled([
    within(budgetMs, deps.db.command({ ping: 1 }, { signal: AbortSignal.timeout(budgetMs) })),
    // The deadline ends the call and its retries; the timer bounds the wait for that to happen.
    within(
      budgetMs,
      deps.client.withDeadline(Date.now() + budgetMs, () =>
        deps.client.workflowService.getSystemInfo({}),
      ),
    ),
  ]);
  return [
    ...(mongodb.status === 'rejected' ? (['mongodb'] as const) : []),
    ...(temporal.status === 'rejected' ? (['temporal'] as const) : []),
  ];
}

/**
 * How long a healthy answer is trusted. Pinging both servers on every request cost two round
 * trips on the hot path; under load one check now serves every request of the next second. A
 * server that dies within that second is still caught by the real calls (`unreachableIn`): a
 * stopped FerretDB fails them in under a second, Temporal after its client's retries; the
 * request gets its 503 and the next one checks again.
 */
export const healthyForMs = 1_000;

/** `unavailable`, remembered while healthy and asked once for all the requests waiting on it. */
export class AvailabilityCheck {
  private healthyUntil = 0;
  private checking: Promise<Dependency[]> | undefined;

  constructor(
    private readonly deps: { db: Db; client: Client },
    private readonly budgetMs = availabilityBudgetMs,
    private readonly trustMs = healthyForMs,
  ) {}

  down(): Promise<Dependency[]> {
    if (Date.now() < this.healthyUntil) return Promise.resolve([]);
    this.checking ??= unavailable(this.deps, this.budgetMs)
      .then((down) => {
        if (down.length === 0) this.healthyUntil = Date.now() + this.trustMs;
        return down;
      })
      .finally(() => (this.checking = undefined));
    return this.checking;
  }

  /** A real call could not reach a server: the next request checks again. */
  distrust(): void {
    this.healthyUntil = 0;
  }
}

/** The work's result, or a rejection once `ms` have passed. */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** gRPC UNAVAILABLE and DEADLINE_EXCEEDED: Temporal did not answer. */
const unreachableGrpcCodes = new Set([14, 4]);

/** The server an error says could not be reached; null for any other error. */
export function unreachableIn(err: unknown): Dependency | null {
  if (err instanceof MongoServerSelectionError || err instanceof MongoNetworkError)
    return 'mongodb';
  const cause = err instanceof ServiceError ? err.cause : err;
  return isGrpcServiceError(cause) && unreachableGrpcCodes.has(cause.code) ? 'temporal' : null;
}

export interface UnavailableOutcome {
  status: 503;
  body: { code: 'unavailable'; message: string; unavailable: Dependency[] };
}

export const unavailableOutcome = (down: Dependency[]): UnavailableOutcome => ({
  status: 503,
  body: {
    code: 'unavailable',
    message: `${down.join(' and ')} cannot be reached: nothing was written, retry in ${retryAfterSeconds} s`,
    unavailable: down,
  },
});
