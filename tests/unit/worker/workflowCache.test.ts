import { describe, expect, it } from 'vitest';
import {
  cachedWorkflowMiB,
  defaultMemoryShare,
  idleWorkerMiB,
  memoryBudget,
  minCachedWorkflows,
  minWorkerHeapMiB,
  workerHeapLimitMiB,
  workflowCacheSize,
} from '../../../worker/workflowCache';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const facts = (totalGiB: number, opts: { cgroupGiB?: number; heapGiB?: number } = {}) => ({
  totalBytes: totalGiB * GiB,
  // Node reports a huge number, not 0, when no cgroup limits the process.
  constrainedBytes: opts.cgroupGiB === undefined ? 2 ** 64 : opts.cgroupGiB * GiB,
  heapLimitBytes: (opts.heapGiB ?? 16) * GiB,
});
const fromBudget = (budgetMiB: number) =>
  Math.floor((budgetMiB - idleWorkerMiB) / cachedWorkflowMiB);

describe('workflowCacheSize', () => {
  it('takes RELAIS_WORKER_CACHE as is', () => {
    const choice = workflowCacheSize(facts(64), { cache: 123 });
    expect(choice.maxCachedWorkflows).toBe(123);
    expect(choice.why).toContain('RELAIS_WORKER_CACHE');
  });

  it('fills a share of the machine with workflows, after the idle worker', () => {
    const choice = workflowCacheSize(facts(8), {});
    expect(choice.maxCachedWorkflows).toBe(fromBudget(8 * 1024 * defaultMemoryShare));
    expect(choice.why).toContain('8192 MiB');
  });

  it('grows with the machine', () => {
    const small = workflowCacheSize(facts(4), {}).maxCachedWorkflows;
    const large = workflowCacheSize(facts(16), {}).maxCachedWorkflows;
    expect(large).toBeGreaterThan(small);
  });

  it('sizes from a cgroup limit below the machine, as in a container', () => {
    const choice = workflowCacheSize(facts(64, { cgroupGiB: 4 }), {});
    expect(choice.maxCachedWorkflows).toBe(fromBudget(4 * 1024 * defaultMemoryShare));
  });

  it('takes RELAIS_WORKER_MEMORY_MB instead of a share of the machine', () => {
    const choice = workflowCacheSize(facts(64), { memoryMiB: 1500 });
    expect(choice.maxCachedWorkflows).toBe(fromBudget(1500));
    expect(choice.why).toContain('RELAIS_WORKER_MEMORY_MB');
  });

  it('keeps half the V8 heap for the collector', () => {
    const choice = workflowCacheSize(facts(256, { heapGiB: 2 }), {});
    expect(choice.maxCachedWorkflows).toBe(Math.floor(1024 / cachedWorkflowMiB));
    expect(choice.why).toContain('V8 heap');
  });

  it('never goes below the minimum, however small the budget', () => {
    const choice = workflowCacheSize(facts(64), { memoryMiB: 100 });
    expect(choice.maxCachedWorkflows).toBe(minCachedWorkflows);
  });
});

describe('workerHeapLimitMiB', () => {
  it('gives the heap the budget less the idle worker, so that RSS stays within the budget', () => {
    const { budgetMiB } = memoryBudget(facts(8), {});
    expect(budgetMiB).toBe(8 * 1024 * defaultMemoryShare);
    expect(workerHeapLimitMiB(budgetMiB)).toBe(budgetMiB - idleWorkerMiB);
  });

  it('sizes a cache that fits in half that heap', () => {
    const heapMiB = workerHeapLimitMiB(1500);
    const choice = workflowCacheSize(
      { ...facts(64), heapLimitBytes: heapMiB * MiB },
      { memoryMiB: 1500 },
    );
    expect(choice.maxCachedWorkflows * cachedWorkflowMiB).toBeLessThanOrEqual(heapMiB / 2);
  });

  it('never goes below its minimum on a tiny budget', () => {
    expect(workerHeapLimitMiB(300)).toBe(minWorkerHeapMiB);
  });
});
