import { execFileSync } from 'node:child_process';
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

  it('limits the heap of the thread that runs the workflows, not only the main one', () => {
    // The SDK runs workflows in a worker thread; a limit on the main thread alone would not
    // bound the cache.
    const probe = `
      const { Worker } = require('node:worker_threads');
      const v8 = require('node:v8');
      const mib = (bytes) => Math.round(bytes / 1048576);
      const code = "require('node:worker_threads').parentPort.postMessage(require('node:v8').getHeapStatistics().heap_size_limit)";
      new Worker(code, { eval: true }).on('message', (bytes) => {
        console.log(JSON.stringify({ main: mib(v8.getHeapStatistics().heap_size_limit), thread: mib(bytes) }));
        process.exit(0);
      });`;
    const out = execFileSync(process.execPath, [...workerHeapArgs(1000, ''), '-e', probe], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const { main, thread } = JSON.parse(out) as { main: number; thread: number };
    // V8 adds its young generation to the old-space limit.
    for (const limit of [main, thread]) {
      expect(limit).toBeGreaterThanOrEqual(1000 - idleWorkerMiB);
      expect(limit).toBeLessThan(1000 - idleWorkerMiB + 100);
    }
  });
});
