import { describe, expect, it } from 'vitest';
import { goneBefore, presenceBeatMs, sweepEveryMs } from '../../../worker/chat/chatAbandon';

describe('chat abandonment timing', () => {
  it('beats several times within the delay, at most every 10 s', () => {
    expect(presenceBeatMs(120)).toBe(10_000);
    expect(presenceBeatMs(4)).toBe(1_000);
    expect(presenceBeatMs(1)).toBe(500);
    for (const seconds of [1, 4, 30, 120, 3600])
      expect(presenceBeatMs(seconds) * 2).toBeLessThan(seconds * 1000 + 1);
  });

  it('sweeps within a third of the delay, between 1 s and 30 s', () => {
    expect(sweepEveryMs(120)).toBe(30_000);
    expect(sweepEveryMs(6)).toBe(2_000);
    expect(sweepEveryMs(1)).toBe(1_000);
  });

  it('counts a visitor gone once unseen for the whole delay', () => {
    const now = new Date('2026-12-02T10:02:00Z');
    expect(goneBefore(now, 120).toISOString()).toBe('2026-12-02T10:00:00.000Z');
  });
});
