/**
 * How many workflows the worker keeps in its sticky cache. A cached workflow answers its next
 * task without replaying its history, but holds its memory until evicted; the cache is what
 * bounds the worker's memory, whatever the number of open cases (the SDK's own default grows with
 * the V8 heap limit, 2,310 workflows with a 4 GiB heap, about 4 GB of RSS for Relais workflows).
 */

/** Worker RSS with an empty cache (bundle, activities, MongoDB and Temporal clients), measured. */
export const idleWorkerMiB = 450;
/**
 * RSS per cached workflow (a case and its customer's alike; live heap 0.44 MiB), measured by
 * `npm run bench:memory` (`BENCH_HEAP=1`) on 2 December 2026, once the contracts' zod schemas
 * were built once per worker instead of once per workflow (2.3 before). Also sizes the heap
 * cap, so that a full cache leaves the workflow thread's collector room.
 */
export const cachedWorkflowMiB = 0.6;
/** Below this the busiest customers' workflows would replay their history at every message. */
export const minCachedWorkflows = 50;
/** Share of the machine's memory the worker takes by default: it shares it with the servers. */
export const defaultMemoryShare = 0.25;

export interface MemoryFacts {
  /** os.totalmem() */
  totalBytes: number;
  /** process.constrainedMemory(): a cgroup limit, or 0 / a huge number when there is none. */
  constrainedBytes: number;
  /** v8 heap_size_limit: the workflows live in one thread whose heap has this limit. */
  heapLimitBytes: number;
}

export interface CacheSettings {
  /** RELAIS_WORKER_CACHE: the number of cached workflows, as is. */
  cache?: number;
  /** RELAIS_WORKER_MEMORY_MB: the worker's memory budget, instead of a share of the machine. */
  memoryMiB?: number;
}

export interface CacheChoice {
  maxCachedWorkflows: number;
  /** Where the number comes from, for the start-up log. */
  why: string;
}

const MiB = 1024 * 1024;

/** The worker's memory budget: RELAIS_WORKER_MEMORY_MB, else a share of the machine or cgroup. */
export function memoryBudget(
  facts: Omit<MemoryFacts, 'heapLimitBytes'>,
  settings: Pick<CacheSettings, 'memoryMiB'>,
): { budgetMiB: number; source: string } {
  if (settings.memoryMiB !== undefined)
    return { budgetMiB: settings.memoryMiB, source: 'RELAIS_WORKER_MEMORY_MB' };
  const totalMiB = facts.totalBytes / MiB;
  const limitMiB = facts.constrainedBytes / MiB;
  const machineMiB = limitMiB > 0 && limitMiB < totalMiB ? limitMiB : totalMiB;
  return {
    budgetMiB: Math.floor(machineMiB * defaultMemoryShare),
    source: `${defaultMemoryShare * 100} % of ${Math.round(machineMiB)} MiB`,
  };
}

/** The smallest V8 heap the launcher gives the worker, whatever the budget. */
export const minWorkerHeapMiB = 256;

/**
 * The V8 heap limit (`--max-old-space-size`) that holds the worker's RSS to its budget. V8 lets
 * a heap grow towards its limit before it compacts, so with the default limit (4 GiB here) a
 * full cache's RSS levelled near the limit rather than at the budget. The limit applies to each
 * thread; the workflows' thread holds the cache, the idle worker's share is outside it.
 */
export function workerHeapLimitMiB(budgetMiB: number): number {
  return Math.max(minWorkerHeapMiB, budgetMiB - idleWorkerMiB);
}

export function workflowCacheSize(facts: MemoryFacts, settings: CacheSettings): CacheChoice {
  if (settings.cache !== undefined)
    return { maxCachedWorkflows: settings.cache, why: 'RELAIS_WORKER_CACHE' };
  const { budgetMiB, source } = memoryBudget(facts, settings);
  // The workflow thread's heap must hold the cache with room for its garbage collector.
  const heapCap = Math.floor(((facts.heapLimitBytes / MiB) * 0.5) / cachedWorkflowMiB);
  const fromBudget = Math.floor((budgetMiB - idleWorkerMiB) / cachedWorkflowMiB);
  const maxCachedWorkflows = Math.max(minCachedWorkflows, Math.min(fromBudget, heapCap));
  const capped =
    heapCap < fromBudget
      ? `, capped by the ${Math.round(facts.heapLimitBytes / MiB)} MiB V8 heap`
      : '';
  return {
    maxCachedWorkflows,
    why: `memory budget ${budgetMiB} MiB (${source}${capped}), ~${cachedWorkflowMiB} MiB per workflow`,
  };
}
