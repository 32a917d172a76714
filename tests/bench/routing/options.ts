import { parseArgs } from 'node:util';
import { z } from 'zod';

const positive = z.coerce.number().positive();
const count = z.coerce.number().int().min(1);

export const RoutingBenchOptionsSchema = z.object({
  quick: z.boolean(),
  /** Open-loop intake rates, contacts per second. */
  rates: z.array(positive).min(1),
  /** Seconds of each open-loop phase. */
  seconds: positive,
  agents: count,
  /** Cases waiting when the agents become Available (the decisions phase). */
  waiting: count,
  /** How long an agent holds an accepted case before resolving it, ms. */
  handleMs: z.coerce.number().int().min(0),
});
export type RoutingBenchOptions = z.infer<typeof RoutingBenchOptionsSchema>;

const quickDefaults = {
  rates: '5,10,20',
  seconds: '4',
  agents: '50',
  waiting: '300',
  handleMs: '500',
};
const fullDefaults = {
  rates: '5,10,20',
  seconds: '10',
  agents: '50',
  waiting: '1000',
  handleMs: '1000',
};

/**
 * `npm run bench:routing -- [--quick] [--rates 5,10,20] [--seconds 10] [--agents 50]
 * [--waiting 1000] [--handle-ms 1000]`
 */
export function parseRoutingBenchOptions(argv: readonly string[]): RoutingBenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      rates: { type: 'string' },
      seconds: { type: 'string' },
      agents: { type: 'string' },
      waiting: { type: 'string' },
      'handle-ms': { type: 'string' },
    },
    strict: true,
  });
  const d = values.quick ? quickDefaults : fullDefaults;
  return RoutingBenchOptionsSchema.parse({
    quick: values.quick,
    rates: (values.rates ?? d.rates)
      .split(',')
      .filter((x) => x.trim() !== '')
      .map((x) => positive.parse(x.trim())),
    seconds: values.seconds ?? d.seconds,
    agents: values.agents ?? d.agents,
    waiting: values.waiting ?? d.waiting,
    handleMs: values['handle-ms'] ?? d.handleMs,
  });
}
