import { describe, expect, it } from 'vitest';
import { workerHeapArgs } from '../../../launcher/workerHeap';
import { idleWorkerMiB, minWorkerHeapMiB } from '../../../worker/workflowCache';

describe('workerHeapArgs', () => {
  it('limits the worker heap to RELAIS_WORKER_MEMORY_MB less the idle worker', () => {
    expect(workerHeapArgs(2000, '')).toEqual([`--max-old-space-size=${2000 - idleWorkerMiB}`]);
  });

  it('sizes it from the machine when no budget is set', () => {
    const [flag] = workerHeapArgs(undefined, '');
    const mib = Number(flag!.split('=')[1]);
    expect(mib).toBeGreaterThanOrEqual(minWorkerHeapMiB);
  });

  it('leaves a limit given in NODE_OPTIONS alone', () => {
    expect(workerHeapArgs(2000, '--enable-source-maps --max-old-space-size=900')).toEqual([]);
  });
});
