import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { recordedHistoriesDir, repoRoot } from './paths';
import { provisionOrExit } from './provision';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** Runs vitest; `report` names the JSON file it also writes, for the closing summary. */
function vitest(args: string[], report?: string): Promise<number> {
  const reporters = report
    ? ['--reporter=default', '--reporter=json', `--outputFile.json=${report}`]
    : [];
  return new Promise((resolve) => {
    const child = spawn('npx', ['vitest', 'run', ...reporters, ...args], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

function counts(report: string): Counts {
  try {
    const r = JSON.parse(readFileSync(report, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
    };
    return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests };
  } catch {
    return { passed: 0, failed: 0, skipped: 0 };
  }
}

/**
 * Provisions if needed, then runs every suite. Extra arguments go to a single vitest run;
 * without any, the replay suite runs last, over the histories the workflow tests recorded, and
 * one closing line sums both runs.
 */
await provisionOrExit();
const extra = process.argv.slice(2);
if (extra.length > 0) process.exit(await vitest(extra));
rmSync(recordedHistoriesDir, { recursive: true, force: true });
const reports = [0, 1].map((i) => join(repoRoot, 'tests', 'artifacts', `vitest-${i}.json`));
for (const report of reports) rmSync(report, { force: true });
let code = await vitest(
  ['--project', 'unit', '--project', 'servers', '--project', 'browser'],
  reports[0],
);
if (code === 0) code = await vitest(['--project', 'replay'], reports[1]);
const total = reports.map(counts).reduce((a, b) => ({
  passed: a.passed + b.passed,
  failed: a.failed + b.failed,
  skipped: a.skipped + b.skipped,
}));
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(code);
