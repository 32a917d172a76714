/**
 * `npm run bench:routing`: offer latency (202 of the inbound call → the offer on the routing
 * event tail) at open-loop rates with 50 agents answering, and routing decisions per second on a
 * backlog of 1,000 waiting cases, each beside a baseline measured in the same run. Its own
 * servers (bench:intake's world); progress on stderr; writes tests/artifacts/bench-routing.json
 * and .md and prints the table. Never a test.
 *
 *   npm run bench:routing -- --quick           # 300 waiting, 4 s per rate
 *   npm run bench:routing -- --rates 10 --seconds 30
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../launcher/paths';
import { provisionOrExit } from '../../launcher/provision';
import { markdownTable } from './intake/table';
import { parseRoutingBenchOptions } from './routing/options';
import { routingRows, stageTables } from './routing/report';
import { runRoutingBench } from './routing/run';
import { grpcCause } from './routing/grpcCause';

const opts = parseRoutingBenchOptions(process.argv.slice(2));
const t0 = performance.now();
const log = (line: string) =>
  process.stderr.write(
    `[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}\n`,
  );

await provisionOrExit();
const commit = execSync('git rev-parse --short HEAD', { cwd: repoRoot }).toString().trim();
const dirty =
  execSync('git status --porcelain -- worker workflows rules launcher designer', { cwd: repoRoot })
    .toString()
    .trim() !== '';
const loadBefore = loadavg()[0]!;
log(`options ${JSON.stringify(opts)}; commit ${commit}${dirty ? ' (uncommitted changes)' : ''}`);

const result = await runRoutingBench(opts, log).catch((err: unknown) => {
  const cause = grpcCause(err);
  log(`failed: ${(err as Error).stack ?? String(err)}`);
  if (cause) log(`cause: gRPC code ${String(cause.code)}, ${String(cause.details)}`);
  process.exit(1);
});
const rows = routingRows(result);
const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
const load = `load average ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after`;
const heading = `${date} UTC, commit ${commit}${dirty ? '+' : ''}, ${cpus().length} cores, ${load}; ${opts.quick ? 'quick, ' : ''}${opts.seconds} s per rate, handle time ${opts.handleMs} ms`;
const markdown = `${heading}\n\n${markdownTable(rows)}\n\n${stageTables(result)}\n`;

const out = join(repoRoot, 'tests', 'artifacts');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'bench-routing.json'),
  JSON.stringify({ date, commit, dirty, load, options: opts, result, rows }, null, 2),
);
writeFileSync(join(out, 'bench-routing.md'), markdown);
console.log(markdown);
for (const row of rows.filter((r) => r.ratio !== null))
  console.log(`${row.figure}: ${(row.ratio! * 100).toFixed(1)} % of the baseline`);
log('done; tests/artifacts/bench-routing.json and .md written');
process.exit(0);
