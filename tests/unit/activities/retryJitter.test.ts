import { ApplicationFailure, type Logger } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { jitteredRetryDelayMs, withRetryJitter } from '../../../worker/activities/retryJitter';

/** The activity worker's "Activity failed" lines are expected here. */
const quiet: Logger = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };
const env = (info: { attempt?: number } = {}) =>
  new MockActivityEnvironment(info, { logger: quiet });

const busy = () =>
  withRetryJitter({ write: async () => Promise.reject(new Error('database is locked')) });

describe('activity retries with jitter', () => {
  it('draws each delay in the upper half of the 1 s doubling schedule, capped at a minute', () => {
    expect(jitteredRetryDelayMs(1, () => 0)).toBe(500);
    expect(jitteredRetryDelayMs(1, () => 1)).toBe(1_000);
    expect(jitteredRetryDelayMs(3, () => 0.5)).toBe(3_000);
    expect(jitteredRetryDelayMs(12, () => 0)).toBe(30_000);
    expect(jitteredRetryDelayMs(12, () => 1)).toBe(60_000);
  });

  it('spreads activities that failed together instead of retrying them at one instant', () => {
    const delays = new Set(Array.from({ length: 50 }, () => jitteredRetryDelayMs(4)));
    expect(delays.size).toBeGreaterThan(25);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(4_000);
      expect(d).toBeLessThanOrEqual(8_000);
    }
  });

  it("gives a failed activity's retry its own delay, keeping the error's message and type", async () => {
    const failure = await env({ attempt: 2 })
      .run(busy().write)
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    const { message, type, nonRetryable, nextRetryDelay } = failure as ApplicationFailure;
    expect({ message, type, nonRetryable }).toEqual({
      message: 'database is locked',
      type: 'Error',
      nonRetryable: false,
    });
    expect(nextRetryDelay).toBeGreaterThanOrEqual(1_000);
    expect(nextRetryDelay).toBeLessThanOrEqual(2_000);
  });

  it('lets business failures through unchanged, and plain calls outside an activity', async () => {
    const refusal = ApplicationFailure.nonRetryable('no adapter', 'UnsupportedChannel');
    const acts = withRetryJitter({ send: async () => Promise.reject(refusal) });
    await expect(env().run(acts.send)).rejects.toBe(refusal);
    await expect(busy().write()).rejects.toThrow(/^database is locked$/);
    await expect(busy().write()).rejects.not.toBeInstanceOf(ApplicationFailure);
  });
});
