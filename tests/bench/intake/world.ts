import { workerHeapArgs } from '../../../launcher/workerHeap';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { freePort } from '../../../launcher/ports';
import { repoRoot } from '../../../launcher/paths';
import { spawnManaged, type ManagedProcess } from '../../../launcher/process';
import { startTemporalDevServer, type EmbeddedStore } from '../../../launcher/services';
import { loadMasterKeys } from '../../../worker/privacy/masterKeys';
import { payloadEncryption } from '../../../worker/privacy/payloadEncryption';
import { connectMongo } from '../../../worker/store/mongo';
import type { BenchEngine } from './options';
import { startStore } from './store';

/** One side-by-side run's servers: its own Temporal, store, Relais worker and bare worker. */
export interface World {
  engine: BenchEngine;
  dir: string;
  temporalAddress: string;
  store: EmbeddedStore;
  client: Client;
  /** The bare worker decodes nothing: its workflow gets plain payloads, as on a bare server. */
  bareClient: Client;
  relaisQueue: string;
  bareQueue: string;
  /** The Relais worker, a child process so that its RSS is its own. */
  relaisWorker: ManagedProcess;
  bareWorker: ManagedProcess;
  /** What the worker printed of its workflow cache. */
  workerCacheLine: string | null;
  stop(): Promise<void>;
}

/** Resolves with the first line of `file` that contains `text`, or throws if `proc` dies first. */
async function waitForLine(proc: ManagedProcess, file: string, text: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let dead = false;
  void proc.exited.then(() => (dead = true));
  for (;;) {
    const line = existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .find((l) => l.includes(text))
      : undefined;
    if (line) return line;
    if (dead) throw new Error(`${proc.name} exited before printing "${text}"; see ${file}`);
    if (Date.now() > deadline)
      throw new Error(`${proc.name} did not print "${text}" within ${timeoutMs} ms; see ${file}`);
    await sleep(200);
  }
}

const node = (
  script: string,
  env: Record<string, string>,
  name: string,
  log: string,
  nodeArgs: string[] = [],
) =>
  spawnManaged({
    name,
    command: process.execPath,
    args: [...nodeArgs, '--import', 'tsx', script],
    cwd: repoRoot,
    env,
    output: log,
  });

export async function startWorld(
  engine: BenchEngine,
  progress: (line: string) => void,
  worker: {
    /** Profiles the worker's whole life (main thread and workflow threads) into this folder. */
    cpuProfDir: string | null;
    cache: number | null;
    /** RELAIS_WORKER_MEMORY_MB, and the heap limit from it, as `npm start` gives them. */
    memoryMiB: number | null;
  },
): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), `relais-bench-intake-${engine}-`));
  const started: { stop(): Promise<void> }[] = [];
  const stopAll = async () => {
    for (const s of started.reverse()) await s.stop().catch(() => {});
  };
  try {
    const port = await freePort();
    const temporal = await startTemporalDevServer({
      port,
      uiPort: await freePort(),
      dbFile: join(dir, 'temporal.db'),
      namespace: 'default',
      output: join(dir, 'temporal.log'),
    });
    started.push(temporal);
    const temporalAddress = `127.0.0.1:${port}`;
    const store = await startStore(engine, dir);
    started.push(store);
    progress(`${engine}: Temporal on ${temporalAddress}, store on ${store.uri('relais')} (${dir})`);
    const relaisQueue = 'relais-bench';
    const bareQueue = 'bare-bench';
    const workerLog = join(dir, 'worker.log');
    const relaisWorker = node(
      join(repoRoot, 'worker', 'main.ts'),
      {
        MONGODB_URI: store.uri('relais'),
        TEMPORAL_ADDRESS: temporalAddress,
        TEMPORAL_TASK_QUEUE: relaisQueue,
        RELAIS_DATA_DIR: dir,
        ...(worker.cache === null ? {} : { RELAIS_WORKER_CACHE: String(worker.cache) }),
        ...(worker.memoryMiB === null ? {} : { RELAIS_WORKER_MEMORY_MB: String(worker.memoryMiB) }),
      },
      'relais-worker',
      workerLog,
      [
        ...workerHeapArgs(worker.memoryMiB ?? undefined),
        ...(worker.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', worker.cpuProfDir] : []),
      ],
    );
    started.push(relaisWorker);
    const bareLog = join(dir, 'bare-worker.log');
    const bareWorker = node(
      join(repoRoot, 'tests', 'bench', 'intake', 'bareWorkerMain.ts'),
      { TEMPORAL_ADDRESS: temporalAddress, TEMPORAL_TASK_QUEUE: bareQueue },
      'bare-worker',
      bareLog,
    );
    started.push(bareWorker);
    await waitForLine(relaisWorker, workerLog, '[worker] polling', 180_000);
    await waitForLine(bareWorker, bareLog, '[bare-worker] polling', 180_000);
    const cacheLine = readFileSync(workerLog, 'utf8')
      .split('\n')
      .find((l) => l.includes('workflow cache'));
    const connection = await Connection.connect({ address: temporalAddress });
    started.push({ stop: () => connection.close() });
    // The client encrypts as the designer does, with the master key the worker wrote in `dir`.
    const keysMongo = await connectMongo(store.uri('relais'));
    started.push({ stop: () => keysMongo.close() });
    const { dataConverter } = payloadEncryption(
      () => keysMongo.db,
      loadMasterKeys({}, join(dir, 'master.key'), progress),
    );
    return {
      engine,
      dir,
      temporalAddress,
      store,
      client: new Client({ connection, dataConverter }),
      bareClient: new Client({ connection }),
      relaisQueue,
      bareQueue,
      relaisWorker,
      bareWorker,
      workerCacheLine: cacheLine?.trim() ?? null,
      stop: async () => {
        await stopAll();
        // BENCH_KEEP_DIR=1 keeps the servers' data and the workers' logs to read afterwards.
        if (process.env.BENCH_KEEP_DIR === '1') progress(`kept ${dir}`);
        else rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
