import { describe, expect, it } from 'vitest';
import {
  frameName,
  originOf,
  summariseProfile,
  type CpuProfile,
} from '../../bench/profile/cpuProfileSummary';

const frame = (functionName: string, url = '', lineNumber = 0) => ({
  functionName,
  url,
  lineNumber,
});

/**
 * (root) → handle (worker/) → parse (zod) ; (root) → ./workflows/a.ts → ./workflows/b.ts → init
 * (zod) ; (root) → (idle). One sample every 1,000 µs from 1,000,000.
 */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 4, 5] },
    { id: 2, callFrame: frame('handle', 'file:///repo/worker/inbound/h.ts', 9), children: [3] },
    { id: 3, callFrame: frame('parse', 'file:///repo/node_modules/zod/v4/core/parse.js', 40) },
    { id: 4, callFrame: frame('(idle)') },
    { id: 5, callFrame: frame('./workflows/a.ts', '/repo/bundle.js', 10), children: [6] },
    { id: 6, callFrame: frame('./workflows/b.ts', '/repo/bundle.js', 20), children: [7] },
    { id: 7, callFrame: frame('init', '/repo/bundle.js', 30) },
  ],
  startTime: 1_000_000,
  endTime: 1_010_000,
  // parse, parse, handle, idle, idle, init, init, b, a, parse
  samples: [3, 3, 2, 4, 4, 7, 7, 6, 5, 3],
  timeDeltas: Array.from({ length: 10 }, () => 1_000),
};

describe('CPU profile summary', () => {
  it('shares self and inclusive time among the busy samples, idle left out', () => {
    const s = summariseProfile(profile);
    expect(s.samples).toBe(10);
    expect(s.busy).toBe(0.8);
    expect(s.self[0]).toEqual({ frame: 'parse zod/v4/core/parse.js:41', share: 3 / 8 });
    const inclusive = Object.fromEntries(s.inclusive.map((f) => [f.frame, f.share]));
    expect(inclusive['handle worker/inbound/h.ts:10']).toBe(4 / 8);
    expect(inclusive['./workflows/a.ts /repo/bundle.js:11']).toBe(4 / 8);
    expect(inclusive['(root)']).toBeUndefined();
    expect(Object.fromEntries(s.byOrigin.map((f) => [f.frame, f.share]))).toEqual({
      zod: 3 / 8,
      'worker/': 1 / 8,
      '/repo/bundle.js': 4 / 8,
    });
  });

  it('gives module evaluation to the innermost module', () => {
    const s = summariseProfile(profile);
    expect(s.moduleEvaluation).toEqual([
      { frame: './workflows/b.ts', share: 3 / 8 },
      { frame: './workflows/a.ts', share: 1 / 8 },
    ]);
  });

  it('keeps only the samples inside the window', () => {
    // Samples at 1,001,000 … 1,010,000: the window holds the 6th to the 9th (init, init, b, a).
    const s = summariseProfile(profile, { fromUs: 1_005_500, toUs: 1_009_500 });
    expect(s.samples).toBe(4);
    expect(s.self.map((f) => f.frame)).toEqual([
      'init /repo/bundle.js:31',
      './workflows/b.ts /repo/bundle.js:21',
      './workflows/a.ts /repo/bundle.js:11',
    ]);
  });

  it('keeps the top frames only', () => {
    expect(summariseProfile(profile, {}, 1).self).toHaveLength(1);
  });

  it('names frames and their origin', () => {
    expect(frameName(frame('', 'file:///x/node_modules/@temporalio/worker/lib/a.js', 4))).toBe(
      '(anonymous) @temporalio/worker/lib/a.js:5',
    );
    expect(originOf('file:///x/node_modules/@temporalio/worker/lib/a.js')).toBe(
      '@temporalio/worker',
    );
    expect(originOf('node:internal/streams/writable')).toBe('node: internals');
    expect(originOf('')).toBe('(native / VM)');
  });
});
