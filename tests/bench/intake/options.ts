import { parseArgs } from 'node:util';
import { z } from 'zod';

export const engines = ['sqlite', 'postgresql'] as const;
export type BenchEngine = (typeof engines)[number];

const count = z.coerce.number().int().min(0);
/** "a,b,c" → its items, each checked by `item`. */
const list = <T>(item: z.ZodType<T>, raw: string): T[] =>
  raw
    .split(',')
    .filter((x) => x.trim() !== '')
    .map((x) => item.parse(x.trim()));

export const BenchOptionsSchema = z.object({
  quick: z.boolean(),
  engines: z.array(z.enum(engines)).min(1),
  /** Contacts stored before each round after the first (cumulative totals, ascending). */
  preload: z.array(count.min(1)),
  /** Seconds of each closed- and open-loop phase. */
  seconds: z.number().positive(),
  concurrency: z.array(count.min(1)).min(1),
  openRates: z.array(z.number().positive()),
  /** Chat contacts in the breach burst; 0 skips it. */
  burst: count,
  /** Open cases to reach at the end for the worker's RSS; 0 skips it. */
  openCases: count,
});
export type BenchOptions = z.infer<typeof BenchOptionsSchema>;

const quickDefaults = {
  engines: 'sqlite',
  preload: '2000',
  seconds: '4',
  concurrency: '1,4,16',
  openRates: '5,10,25',
  burst: '20',
  openCases: '0',
};
const fullDefaults = {
  engines: 'sqlite,postgresql',
  preload: '10000,100000',
  seconds: '20',
  concurrency: '1,4,16',
  openRates: '5,10,25',
  burst: '200',
  openCases: '5000',
};

/** `npm run bench:intake -- [--quick] [--engines a,b] [--preload 10000,100000] [--seconds 20] …` */
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
    },
    strict: true,
  });
  const defaults = values.quick ? quickDefaults : fullDefaults;
  const raw = {
    engines: values.engines ?? defaults.engines,
    preload: values.preload ?? defaults.preload,
    seconds: values.seconds ?? defaults.seconds,
    concurrency: values.concurrency ?? defaults.concurrency,
    openRates: values['open-rates'] ?? defaults.openRates,
    burst: values.burst ?? defaults.burst,
    openCases: values['open-cases'] ?? defaults.openCases,
  };
  const parsed = BenchOptionsSchema.parse({
    quick: values.quick,
    engines: list(z.enum(engines), raw.engines),
    preload: list(count.min(1), raw.preload),
    seconds: z.coerce.number().parse(raw.seconds),
    concurrency: list(count.min(1), raw.concurrency),
    openRates: list(z.coerce.number().positive(), raw.openRates),
    burst: count.parse(raw.burst),
    openCases: count.parse(raw.openCases),
  });
  const ascending = parsed.preload.every((n, i) => i === 0 || n > parsed.preload[i - 1]!);
  if (!ascending) throw new Error('--preload takes ascending totals, e.g. 10000,100000');
  return parsed;
}
