import { parseArgs } from 'node:util';
import { z } from 'zod';
import { StoreEngineSchema, type StoreEngine } from '../../../worker/config';

export type BenchEngine = StoreEngine;

const count = z.coerce.number().int().min(0);

/** A size for every engine ("10000") or for one ("postgresql:100000"). */
const EngineSizeSchema = z.object({ n: count, engine: StoreEngineSchema.nullable() });
type EngineSize = z.infer<typeof EngineSizeSchema>;

/** "a,b,c" → its items, each checked by `item`. */
const list = <T>(item: z.ZodType<T>, raw: string): T[] =>
  raw
    .split(',')
    .filter((x) => x.trim() !== '')
    .map((x) => item.parse(x.trim()));

const engineSize = z.string().transform((token, ctx): EngineSize => {
  const [engine, n] = token.includes(':') ? token.split(':') : [null, token];
  const parsed = EngineSizeSchema.safeParse({ engine, n });
  if (parsed.success) return parsed.data;
  ctx.addIssue({ code: 'custom', message: `expected N or engine:N, got "${token}"` });
  return z.NEVER;
});

export const BenchOptionsSchema = z.object({
  quick: z.boolean(),
  engines: z.array(StoreEngineSchema).min(1),
  /** Contacts stored before each round after the first (cumulative totals, ascending). */
  preload: z.array(EngineSizeSchema),
  /** Seconds of each closed- and open-loop phase. */
  seconds: z.number().positive(),
  concurrency: z.array(count.min(1)).min(1),
  openRates: z.array(z.number().positive()),
  /** Chat contacts in the breach burst; none skips it. */
  burst: z.array(EngineSizeSchema),
  /** Open cases to reach at the end for the worker's RSS; 0 skips it. */
  openCases: z.array(EngineSizeSchema),
  /** Stops opening cases after this many seconds, however many are open; null waits for all. */
  openCasesSeconds: z.number().positive().nullable(),
  /** Where to write CPU profiles of the worker and of the inbound path; null profiles nothing. */
  cpuProf: z.string().min(1).nullable(),
  /** The worker's `RELAIS_WORKER_CACHE`; null keeps its sizing from the machine's memory. */
  workerCache: count.min(1).nullable(),
  /** The worker's RELAIS_WORKER_MEMORY_MB, with the heap limit `npm start` derives from it. */
  workerMemory: count.min(64).nullable(),
});
export type BenchOptions = z.infer<typeof BenchOptionsSchema>;

/** The sizes that apply to `engine`: those for every engine and those for it, in order. */
export const sizesFor = (sizes: readonly EngineSize[], engine: BenchEngine): number[] =>
  sizes.filter((s) => s.engine === null || s.engine === engine).map((s) => s.n);

/** The one size that applies to `engine`: the largest given for it, else 0. */
export const sizeFor = (sizes: readonly EngineSize[], engine: BenchEngine): number =>
  Math.max(0, ...sizesFor(sizes, engine));

const quickDefaults = {
  engines: 'postgresql',
  preload: '2000',
  seconds: '4',
  concurrency: '1,4,16',
  openRates: '5,10,25',
  burst: '20',
  openCases: '0',
};
const fullDefaults = {
  engines: 'sqlite,postgresql',
  preload: '10000,postgresql:100000',
  seconds: '10',
  concurrency: '1,4,16',
  openRates: '5,10,25',
  burst: '200',
  openCases: 'postgresql:5000',
};

/**
 * `npm run bench:intake -- [--quick] [--engines a,b] [--preload 10000,postgresql:100000]
 * [--seconds 10] [--concurrency 1,4,16] [--open-rates 5,10,25] [--burst 200] [--open-cases 5000]
 * [--open-cases-seconds S] [--cpu-prof DIR] [--worker-cache N] [--worker-memory MB]`
 */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      engines: { type: 'string' },
      preload: { type: 'string' },
      seconds: { type: 'string' },
      concurrency: { type: 'string' },
      'open-rates': { type: 'string' },
      burst: { type: 'string' },
      'open-cases': { type: 'string' },
      'open-cases-seconds': { type: 'string' },
      'cpu-prof': { type: 'string' },
      'worker-cache': { type: 'string' },
      'worker-memory': { type: 'string' },
    },
    strict: true,
  });
  const defaults = values.quick ? quickDefaults : fullDefaults;
  const parsed = BenchOptionsSchema.parse({
    quick: values.quick,
    engines: list(StoreEngineSchema, values.engines ?? defaults.engines),
    preload: list(engineSize, values.preload ?? defaults.preload),
    seconds: z.coerce.number().parse(values.seconds ?? defaults.seconds),
    concurrency: list(count.min(1), values.concurrency ?? defaults.concurrency),
    openRates: list(z.coerce.number().positive(), values['open-rates'] ?? defaults.openRates),
    burst: list(engineSize, values.burst ?? defaults.burst),
    openCases: list(engineSize, values['open-cases'] ?? defaults.openCases),
    openCasesSeconds:
      values['open-cases-seconds'] === undefined
        ? null
        : z.coerce.number().parse(values['open-cases-seconds']),
    cpuProf: values['cpu-prof'] ?? null,
    workerCache: values['worker-cache'] === undefined ? null : count.parse(values['worker-cache']),
    workerMemory:
      values['worker-memory'] === undefined ? null : count.parse(values['worker-memory']),
  });
  for (const engine of parsed.engines) {
    const totals = sizesFor(parsed.preload, engine);
    if (totals.some((n, i) => n < 1 || (i > 0 && n <= totals[i - 1]!)))
      throw new Error('--preload takes ascending totals, e.g. 10000,100000');
  }
  return parsed;
}
