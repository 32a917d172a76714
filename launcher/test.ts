import { spawn } from 'node:child_process';
import { repoRoot } from './paths';
import { provisionOrExit } from './provision';

/** Provisions if needed, then hands every argument to vitest. */
await provisionOrExit();
const child = spawn('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  cwd: repoRoot,
  stdio: 'inherit',
});
child.on('close', (code) => process.exit(code ?? 1));
