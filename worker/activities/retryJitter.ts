import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';

/** The case activities' retry schedule (workflows/case/activities.ts): 1 s doubling to 1 min. */
const initialMs = 1_000;
const maximumMs = 60_000;

/**
 * The delay before retry `attempt + 1`, drawn in the upper half of the exponential schedule
 * ("equal jitter"): as patient as the plain schedule, but activities that failed together (a
 * busy or restarting store) no longer come back together.
 */
export function jitteredRetryDelayMs(attempt: number, random: () => number = Math.random): number {
  const plain = Math.min(maximumMs, initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(plain / 2 + random() * (plain / 2));
}

/** The attempt number of the activity running now, or null outside an activity (direct calls). */
function currentAttempt(): number | null {
  try {
    return Context.current().info.attempt;
  } catch {
    return null;
  }
}

/**
 * Temporal's retry policy has no jitter: the server waits exactly initial × coefficient^(n-1)
 * (capped), so a hundred activities that failed at once on a locked SQLite retry at once. A
 * retryable failure instead carries its own `nextRetryDelay`, drawn here. The activity slot is
 * freed meanwhile (a sleep inside the activity would hold one of the few slots the store can take).
 */
export function withRetryJitter<T extends object>(activities: T): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, fn]) => [
      name,
      async (...args: unknown[]) => {
        try {
          return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
        } catch (err) {
          const attempt = currentAttempt();
          if (attempt === null || err instanceof ApplicationFailure || !(err instanceof Error))
            throw err;
          throw ApplicationFailure.create({
            message: err.message,
            type: err.name,
            cause: err,
            nextRetryDelay: jitteredRetryDelayMs(attempt),
          });
        }
      },
    ]),
  ) as T;
}
