import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { recordedHistoriesDir, repoRoot } from './paths';
import { provisionOrExit } from './provision';

function vitest(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['vitest', 'run', ...args], { cwd: repoRoot, stdio: 'inherit' });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/**
 * Provisions if needed, then runs every suite. Extra arguments go to a single vitest run;
 * without any, the replay suite runs last, over the histories the workflow tests recorded.
 */
await provisionOrExit();
const extra = process.argv.slice(2);
if (extra.length > 0) process.exit(await vitest(extra));
rmSync(recordedHistoriesDir, { recursive: true, force: true });
const main = await vitest(['--project', 'unit', '--project', 'servers', '--project', 'browser']);
if (main !== 0) process.exit(main);
process.exit(await vitest(['--project', 'replay']));
