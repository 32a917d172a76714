/**
 * Summarises what `npm run bench:intake -- --cpu-prof DIR` profiled: for each engine's folder,
 * CPU per process over the profiled phase and the top frames (self and inclusive) of the inbound
 * path and of each worker thread, cut to that phase. Writes DIR/<engine>/summary.md.
 *
 *   node --import tsx tests/bench/cpuProfile.ts DIR [--top 15]
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { profileReport } from './profile/profileReport';

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: { top: { type: 'string', default: '10' } },
  allowPositionals: true,
});
const dir = z.string().min(1).parse(positionals[0]);
const top = z.coerce.number().int().positive().parse(values.top);
const engines = readdirSync(dir).filter((d) => existsSync(join(dir, d, 'windows.json')));
if (engines.length === 0) throw new Error(`no profiled engine under ${dir}`);
for (const engine of engines) {
  const report = `# ${engine}\n\n${profileReport(join(dir, engine), top)}`;
  writeFileSync(join(dir, engine, 'summary.md'), report);
  console.log(report);
}
