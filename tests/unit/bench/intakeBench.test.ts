import { describe, expect, it } from 'vitest';
import { parseBenchOptions, sizeFor, sizesFor } from '../../bench/intake/options';
import { cloneDoc } from '../../bench/intake/preload';
import { percentile, ratio, summarise } from '../../bench/intake/stats';
import { formatRatio, markdownTable } from '../../bench/intake/table';

describe('bench:intake percentiles', () => {
  it('takes the nearest rank, never interpolating', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100…1, unsorted
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([], 50)).toBeNull();
  });

  it('summarises count, p50, p95, p99 and max', () => {
    expect(summarise([3, 1, 2])).toEqual({ count: 3, p50: 2, p95: 3, p99: 3, max: 3 });
    expect(summarise([])).toEqual({ count: 0, p50: null, p95: null, p99: null, max: null });
  });

  it('gives no ratio without a baseline', () => {
    expect(ratio(5, 10)).toBe(0.5);
    expect(ratio(5, 0)).toBeNull();
    expect(ratio(null, 10)).toBeNull();
  });
});

describe('bench:intake table', () => {
  it('writes one row per figure, ratio as a share, the goal with its verdict', () => {
    const table = markdownTable([
      {
        figure: 'Intake ×1',
        relais: '20/s',
        baseline: 'bare: 40/s',
        ratio: 0.5,
        goal: '≥ 50 %',
        met: true,
      },
      { figure: 'a | b', relais: 'x', baseline: '—', ratio: null, goal: '', met: null },
      { figure: 'Tiny', relais: '1/s', baseline: '80/s', ratio: 0.0125, goal: 'p99', met: false },
    ]).split('\n');
    expect(table[0]).toBe('| Figure | Relais | Baseline, same run | Ratio | Goal |');
    expect(table[2]).toBe('| Intake ×1 | 20/s | bare: 40/s | 50 % | ≥ 50 % ✓ |');
    expect(table[3]).toBe('| a \\| b | x | — | — |  |');
    expect(table[4]).toBe('| Tiny | 1/s | 80/s | 1.3 % | p99 ✗ |');
    expect(formatRatio(1.234)).toBe('123 %');
  });
});

describe('bench:intake options', () => {
  it('has quick and full defaults, and takes lists', () => {
    const quick = parseBenchOptions(['--quick']);
    expect(sizesFor(quick.preload, 'postgresql')).toEqual([2000]);
    const full = parseBenchOptions([]);
    expect(full.engines).toEqual(['sqlite', 'postgresql']);
    expect(sizesFor(full.preload, 'sqlite')).toEqual([10_000]);
    expect(sizesFor(full.preload, 'postgresql')).toEqual([10_000, 100_000]);
    expect(sizeFor(full.burst, 'sqlite')).toBe(200);
    expect(
      parseBenchOptions(['--engines', 'postgresql', '--concurrency', '2,8', '--seconds', '3']),
    ).toMatchObject({ engines: ['postgresql'], concurrency: [2, 8], seconds: 3 });
  });

  it('takes sizes for one engine only', () => {
    const opts = parseBenchOptions(['--preload', '10,postgresql:20', '--open-cases', 'sqlite:5']);
    expect(sizesFor(opts.preload, 'postgresql')).toEqual([10, 20]);
    expect(sizesFor(opts.preload, 'sqlite')).toEqual([10]);
    expect(sizesFor(opts.openCases, 'sqlite')).toEqual([5]);
    expect(sizesFor(opts.openCases, 'postgresql')).toEqual([]);
    expect(sizeFor(opts.openCases, 'postgresql')).toBe(0);
  });

  it('profiles, bounds the opening of cases and sizes the worker cache and memory only when asked', () => {
    expect(parseBenchOptions([])).toMatchObject({
      cpuProf: null,
      workerCache: null,
      workerMemory: null,
      openCasesSeconds: null,
    });
    expect(
      parseBenchOptions([
        '--cpu-prof',
        '/tmp/prof',
        '--worker-cache',
        '500',
        '--open-cases-seconds',
        '300',
        '--worker-memory',
        '1200',
      ]),
    ).toMatchObject({
      cpuProf: '/tmp/prof',
      workerCache: 500,
      workerMemory: 1200,
      openCasesSeconds: 300,
    });
    expect(() => parseBenchOptions(['--worker-cache', '0'])).toThrow();
  });

  it('refuses an unknown engine and preload totals that do not grow', () => {
    expect(() => parseBenchOptions(['--engines', 'mysql'])).toThrow();
    expect(() => parseBenchOptions(['--preload', 'mysql:10'])).toThrow(/engine:N/);
    expect(() => parseBenchOptions(['--preload', '100,10'])).toThrow(/ascending/);
  });
});

describe('bench:intake preload clones', () => {
  it('swaps every id and moves every time back, leaving other values alone', () => {
    const at = new Date('2026-01-10T12:00:00.000Z');
    const doc = {
      _id: 'case-A:event:1',
      customerId: 'A',
      at,
      openedAt: '2026-01-10T12:00:00.000Z',
      data: { messageId: 'm-1', list: ['A', 3, true] },
    };
    const day = 24 * 3600_000;
    expect(
      cloneDoc(
        doc,
        [
          ['A', 'B'],
          ['m-1', 'm-1-p7'],
        ],
        day,
      ),
    ).toEqual({
      _id: 'case-B:event:1',
      customerId: 'B',
      at: new Date('2026-01-09T12:00:00.000Z'),
      openedAt: '2026-01-09T12:00:00.000Z',
      data: { messageId: 'm-1-p7', list: ['B', 3, true] },
    });
    expect(doc.at).toBe(at);
  });
});
