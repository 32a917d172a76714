/**
 * `npm run bench:intake`: Relais's intake against a bare Temporal ceiling measured in the same
 * run, on servers of its own (Temporal dev server, the embedded store, the Relais worker as a
 * child process), at 0 and after pre-loading stored contacts, for each store engine. Progress on
 * stderr; writes tests/artifacts/bench-intake.json and .md and prints the table. Never a test.
 *
 *   npm run bench:intake -- --quick                      # small sizes, a few minutes
 *   npm run bench:intake -- --engines postgresql --preload 10000,100000 --seconds 20
 *   npm run bench:intake -- --quick --cpu-prof /tmp/prof   # profiles the closed loop at ×16
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../launcher/paths';
import { provisionOrExit } from '../../launcher/provision';
import { runEngine, type EngineResult } from './intake/engineRun';
import { parseBenchOptions } from './intake/options';
import { engineComparisonRows, engineRows } from './intake/report';
import { profileReport } from './profile/profileReport';
import { markdownTable } from './intake/table';

const opts = parseBenchOptions(process.argv.slice(2));
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
log(`options ${JSON.stringify(opts)}; commit ${commit}${dirty ? ' (uncommitted changes)' : ''}`);

const results: EngineResult[] = [];
for (const engine of opts.engines) results.push(await runEngine(engine, opts, log));

const multi = results.length > 1;
const rows = [
  ...results.flatMap((r) => engineRows(r, multi ? `${r.engine}: ` : '')),
  ...engineComparisonRows(results),
];
const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
const heading = `${date} UTC, commit ${commit}${dirty ? '+' : ''}, ${cpus().length} cores; ${opts.quick ? 'quick, ' : ''}${opts.seconds} s per phase`;
const caches = results.map((r) => `${r.engine}: ${r.workerCache ?? 'worker cache not printed'}`);
const markdown = `${heading}\n\n${markdownTable(rows)}\n\n${caches.join('\n')}\n`;

const out = join(repoRoot, 'tests', 'artifacts');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'bench-intake.json'),
  JSON.stringify({ date, commit, dirty, options: opts, results, rows }, null, 2),
);
writeFileSync(join(out, 'bench-intake.md'), markdown);
console.log(markdown);
for (const row of rows.filter((r) => r.ratio !== null))
  console.log(`${row.figure}: ${(row.ratio! * 100).toFixed(1)} %`);
if (opts.cpuProf)
  for (const r of results) {
    const summary = join(opts.cpuProf, r.engine, 'summary.md');
    writeFileSync(summary, `# ${r.engine}\n\n${profileReport(join(opts.cpuProf, r.engine))}`);
    log(`CPU profile summary: ${summary}`);
  }
log(`done; tests/artifacts/bench-intake.json and .md written`);
process.exit(0);
