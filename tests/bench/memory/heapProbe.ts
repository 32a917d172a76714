/**
 * Loaded into a worker by `npm run bench:memory` with BENCH_HEAP=1 (workflows then run on the main
 * thread, TEMPORAL_DEBUG): on SIGHUP (the SDK stops the worker on SIGUSR2) it collects garbage and writes the live heap to a file.
 */
import { writeFileSync } from 'node:fs';
import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';

const file = process.env.BENCH_HEAP_FILE;
if (!file) throw new Error('BENCH_HEAP_FILE is required');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('heapProbe needs node --expose-gc');
process.on('SIGHUP', () => {
  gc();
  // BENCH_HEAP_SNAPSHOTS: a folder that also gets a heap snapshot at each sample.
  const snapshots = process.env.BENCH_HEAP_SNAPSHOTS;
  if (snapshots) writeHeapSnapshot(`${snapshots}/worker-${Date.now()}.heapsnapshot`);
  writeFileSync(file, JSON.stringify({ heapMiB: getHeapStatistics().used_heap_size / 1024 ** 2 }));
});
