import { describe, expect, it } from 'vitest';
import { typingReporter } from '../../../designer/src/widget/typingReport';

describe('widget typing report', () => {
  it('reports the first keystroke, then once per period while typing goes on', () => {
    let clock = 0;
    let reports = 0;
    const reporter = typingReporter(
      () => (reports += 1),
      2_000,
      () => clock,
    );
    reporter.typed();
    expect(reports).toBe(1);
    for (clock = 100; clock < 2_000; clock += 300) reporter.typed();
    expect(reports).toBe(1);
    clock = 2_000;
    reporter.typed();
    expect(reports).toBe(2);
  });

  it('reports at once the first keystroke of the next message', () => {
    let clock = 0;
    let reports = 0;
    const reporter = typingReporter(
      () => (reports += 1),
      2_000,
      () => clock,
    );
    reporter.typed();
    clock = 500;
    reporter.sent();
    reporter.typed();
    expect(reports).toBe(2);
  });
});
