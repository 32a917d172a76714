import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../launcher/backoff';

describe('restart backoff', () => {
  it('doubles from 1 s up to 30 s while the child keeps crashing', () => {
    const backoff = new Backoff({ initialMs: 1000, maxMs: 30_000, healthyMs: 60_000 });
    const delays = Array.from({ length: 7 }, () => backoff.afterRun(500));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  it('starts again from 1 s after a healthy minute', () => {
    const backoff = new Backoff({ initialMs: 1000, maxMs: 30_000, healthyMs: 60_000 });
    for (let i = 0; i < 5; i += 1) backoff.afterRun(10);
    expect(backoff.afterRun(59_999)).toBe(30_000);
    expect(backoff.afterRun(60_000)).toBe(1000);
    expect(backoff.afterRun(10)).toBe(2000);
  });
});
