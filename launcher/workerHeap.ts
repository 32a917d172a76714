import { totalmem } from 'node:os';
import { memoryBudget, workerHeapLimitMiB } from '../worker/workflowCache';

/**
 * The node flags that hold the worker to its memory budget (RELAIS_WORKER_MEMORY_MB, else a
 * quarter of the machine): a V8 heap limit sized from it. A limit already in NODE_OPTIONS wins.
 */
export function workerHeapArgs(
  memoryMiB: number | undefined,
  nodeOptions = process.env.NODE_OPTIONS ?? '',
): string[] {
  if (nodeOptions.includes('--max-old-space-size')) return [];
  const { budgetMiB } = memoryBudget(
    { totalBytes: totalmem(), constrainedBytes: process.constrainedMemory?.() ?? 0 },
    { memoryMiB },
  );
  return [`--max-old-space-size=${workerHeapLimitMiB(budgetMiB)}`];
}
