import { describe, expect, it } from 'vitest';
import { average, quantile, ratio } from '../../../worker/kpis/stats';

describe('stats', () => {
  it('interpolates quantiles between ranks, whatever the input order', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([5], 0.9)).toBe(5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('divides only when there is a whole', () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(0, 0)).toBeNull();
    expect(average([1, 2, 6])).toBe(3);
    expect(average([])).toBeNull();
  });
});
