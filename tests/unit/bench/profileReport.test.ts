import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CpuProfile } from '../../bench/profile/cpuProfileSummary';
import { profileReport } from '../../bench/profile/profileReport';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A profile whose samples, one per ms from `startUs`, are all in `fn`. */
const profile = (fn: string, startUs: number, samples: number): CpuProfile => ({
  nodes: [
    { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: 0 }, children: [2] },
    { id: 2, callFrame: { functionName: fn, url: 'file:///r/worker/a.ts', lineNumber: 0 } },
  ],
  startTime: startUs,
  endTime: startUs + samples * 1000,
  samples: Array.from({ length: samples }, () => 2),
  timeDeltas: Array.from({ length: samples }, () => 1000),
});

describe('CPU profile report', () => {
  it('reports CPU per process and each thread cut to the profiled window', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-profile-report-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'worker'));
    const label = '0 stored: closed loop ×16';
    writeFileSync(
      join(dir, 'windows.json'),
      JSON.stringify([
        {
          label,
          fromUs: 2_000_000,
          toUs: 2_010_000,
          wallSeconds: 10,
          cpuSeconds: { 'relais worker': 6, temporal: 2, idle: 0 },
        },
      ]),
    );
    writeFileSync(
      join(dir, 'inbound-0-stored-closed-loop-16.cpuprofile'),
      JSON.stringify(profile('handleInbound', 2_000_000, 10)),
    );
    // The worker's thread 0 profiled its whole life: the 11 of its 100 samples from 2.000 s to 2.010 s are in the window (both ends in).
    writeFileSync(
      join(dir, 'worker', 'CPU.20261202.062741.1.0.001.cpuprofile'),
      JSON.stringify(profile('decideCase', 1_950_000, 100)),
    );
    // A thread that ended before the window has nothing to report.
    writeFileSync(
      join(dir, 'worker', 'CPU.20261202.062741.1.1.002.cpuprofile'),
      JSON.stringify(profile('bundle', 1_000_000, 10)),
    );
    const report = profileReport(dir);
    expect(report).toContain(`## ${label} (10.0 s)`);
    expect(report).toContain('| relais worker | 6.00 | 0.60 | 75.0 % |');
    expect(report).toContain('| temporal | 2.00 | 0.20 | 25.0 % |');
    expect(report).not.toContain('| idle |');
    expect(report).toContain('### inbound path (bench process): 10 samples, 100.0 % busy');
    expect(report).toContain('### worker main thread: 11 samples, 100.0 % busy');
    expect(report).toContain('| `decideCase worker/a.ts:1` | 100.0 % |');
    expect(report).not.toContain('thread 1');
  });

  it('says so when nothing was profiled', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-profile-report-'));
    dirs.push(dir);
    expect(profileReport(dir)).toMatch(/no profiled window/);
  });
});
