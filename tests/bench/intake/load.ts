import { setTimeout as sleep } from 'node:timers/promises';
import { summarise, type LatencySummary } from './stats';

/** One call of the system under test: what it answered ("202", "429", "error", …). */
export type Call = (n: number) => Promise<string>;

export interface LoadResult {
  /** Calls answered with `okStatus` per second of the phase. */
  throughput: number;
  seconds: number;
  /** Latency of the calls answered with `okStatus`, ms. */
  latency: LatencySummary;
  /** How many calls ended with each answer. */
  outcomes: Record<string, number>;
}

const okStatuses = new Set(['202', 'ok']);

async function timed(
  call: Call,
  n: number,
  since: number,
  into: { ms: number[]; outcomes: Record<string, number> },
) {
  let outcome: string;
  try {
    outcome = await call(n);
  } catch (err) {
    outcome = `error: ${(err as Error).message.slice(0, 80)}`;
  }
  into.outcomes[outcome] = (into.outcomes[outcome] ?? 0) + 1;
  if (okStatuses.has(outcome)) into.ms.push(performance.now() - since);
}

/** `concurrency` callers, each calling again as soon as it has its answer, for `seconds`. */
/** What calls that began at `start` gave, per second of the time they took. */
function resultSince(
  start: number,
  into: { ms: number[]; outcomes: Record<string, number> },
): LoadResult {
  const elapsed = (performance.now() - start) / 1000;
  return {
    throughput: into.ms.length / elapsed,
    seconds: elapsed,
    latency: summarise(into.ms),
    outcomes: into.outcomes,
  };
}

export async function closedLoop(
  call: Call,
  concurrency: number,
  seconds: number,
): Promise<LoadResult> {
  const into = { ms: [] as number[], outcomes: {} as Record<string, number> };
  const start = performance.now();
  const end = start + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) await timed(call, n++, performance.now(), into);
    }),
  );
  return resultSince(start, into);
}

/**
 * Calls started on a fixed schedule, `rate` per second, whatever the answers take: latency counts
 * from the scheduled start, so a stalled system shows in it (no coordinated omission).
 */
export async function openLoop(call: Call, rate: number, seconds: number): Promise<LoadResult> {
  const into = { ms: [] as number[], outcomes: {} as Record<string, number> };
  const start = performance.now();
  const total = Math.round(rate * seconds);
  const inFlight: Promise<void>[] = [];
  for (let n = 0; n < total; n += 1) {
    const due = start + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(timed(call, n, due, into));
  }
  await Promise.all(inFlight);
  return resultSince(start, into);
}
