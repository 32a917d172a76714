/**
 * The inbound request's validation, with the schema built per request (as before) and built once
 * (`inboundRequestSchema`), interleaved in one run. Never a test.
 *
 *   node --import tsx tests/bench/inboundParse.bench.ts [rounds]
 */
import { buildInboundRequestSchema, inboundRequestSchema } from '../../worker/inbound/schemas';
import { emailContact } from './intake/contacts';

const rounds = Number(process.argv[2] ?? 5);
const perRound = 2_000;
const bodies = Array.from({ length: perRound }, (_, n) => emailContact('parse', n).body);

function time(parse: (body: unknown) => boolean): number {
  const t = performance.now();
  for (const body of bodies) if (!parse(body)) throw new Error('a bench contact was refused');
  return (performance.now() - t) / perRound;
}

const perRequest = (body: unknown) =>
  buildInboundRequestSchema('email', 'FR').safeParse(body).success;
const once = (body: unknown) => inboundRequestSchema('email', 'FR').safeParse(body).success;
time(perRequest);
time(once);
const a: number[] = [];
const b: number[] = [];
for (let r = 0; r < rounds; r += 1) {
  a.push(time(perRequest));
  b.push(time(once));
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
console.log(
  `schema built per request: ${median(a).toFixed(3)} ms per parse; built once: ${median(b).toFixed(3)} ms (${(median(a) / median(b)).toFixed(1)}×), median of ${rounds} rounds of ${perRound}`,
);
