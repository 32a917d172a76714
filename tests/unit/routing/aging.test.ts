import { describe, expect, it } from 'vitest';
import { effectivePriority, nextAgingAt } from '../../../workflows/routing/aging';
import { at, queue, t0, workItem } from './fixtures';

describe('effective priority with aging', () => {
  const q = queue('general', { agingMinutes: 10 });

  it('rises one step (towards 1) every agingMinutes of waiting', () => {
    const item = workItem('c1', { priority: 4 });
    expect(effectivePriority(item, q, at(0))).toBe(4);
    expect(effectivePriority(item, q, at(599))).toBe(4);
    expect(effectivePriority(item, q, at(600))).toBe(3);
    expect(effectivePriority(item, q, at(1800))).toBe(1);
  });

  it('never goes past 1, and never moves when aging is off', () => {
    const item = workItem('c1', { priority: 2 });
    expect(effectivePriority(item, q, at(100 * 60))).toBe(1);
    expect(effectivePriority(item, queue('general', { agingMinutes: 0 }), at(10_000))).toBe(2);
  });

  it('says when the next step falls due, and null once at the top or with aging off', () => {
    const item = workItem('c1', { priority: 3 });
    expect(nextAgingAt(item, q, at(0))).toEqual(at(600));
    expect(nextAgingAt(item, q, at(601))).toEqual(at(1200));
    expect(nextAgingAt(item, q, at(1200))).toBeNull();
    expect(nextAgingAt(item, queue('general', { agingMinutes: 0 }), t0)).toBeNull();
  });
});
