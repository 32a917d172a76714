import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';

export const designerEntry = join(repoRoot, 'designer', 'build', 'index.js');

const sourceDirs = ['designer/src', 'rules', 'workflows', 'worker'].map((d) => join(repoRoot, d));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, mtime);
  }
  return newest;
}

/** True when the built designer is missing or older than any source it bundles. */
export function designerBuildIsStale(): boolean {
  if (!existsSync(designerEntry)) return true;
  const built = statSync(designerEntry).mtimeMs;
  return sourceDirs.some((d) => existsSync(d) && newestMtime(d) > built);
}

/** The designer, then the chat widget beside its client files (the first build empties build/). */
const builds = [
  ['vite', 'build', '--logLevel', 'warn'],
  ['vite', 'build', '-c', 'widget.vite.config.ts', '--logLevel', 'warn'],
];

export async function buildDesigner(): Promise<void> {
  for (const args of builds) await viteBuild(args);
}

function viteBuild(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', args, {
      cwd: join(repoRoot, 'designer'),
      stdio: 'inherit',
    });
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`designer build failed (exit ${code})`)),
    );
  });
}
