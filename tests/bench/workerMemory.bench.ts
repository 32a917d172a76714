/**
 * `npm run bench:memory`: the worker's memory as open cases pile up. The real worker process
 * (`worker/main.ts`) on its own Temporal dev server and FerretDB takes contacts through the real
 * intake (`handleInbound`, each from a new customer: a customer and a case workflow that stay
 * open); its RSS is read from /proc after each batch. The baseline, in the same run, is a worker
 * of trivial workflows (`memory/trivialWorkflows.ts`) with the same cache, fed by bare
 * signalWithStart. Also prints the workflow bundle's size by package. Not a test: it prints a
 * table and writes tests/artifacts/bench-worker-memory.json.
 *
 * BENCH_CASES (300) contacts, BENCH_CACHE (all of them cached) workflows in the sticky cache,
 * a sample every BENCH_SAMPLE_EVERY (100) contacts, BENCH_RUNS (relais,trivial).
 */
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../launcher/ports';
import { repoRoot } from '../../launcher/paths';
import { spawnManaged, type ManagedProcess } from '../../launcher/process';
import { provisionOrExit } from '../../launcher/provision';
import { mongoUriFor, startFerretDb, startTemporalDevServer } from '../../launcher/services';
import { handleInbound } from '../../worker/inbound/handleInbound';
import { masterKeyFrom } from '../../worker/privacy/masterKeys';
import { payloadEncryption } from '../../worker/privacy/payloadEncryption';
import { connectMongo } from '../../worker/store/mongo';
import { createStores, ensureIndexes } from '../../worker/store/stores';
import { noteSignal, notesQuery } from './memory/trivialWorkflows';

const cases = Number(process.env.BENCH_CASES ?? 300);
const cache = Number(process.env.BENCH_CACHE ?? 2 * cases + 20);
const sampleEvery = Number(process.env.BENCH_SAMPLE_EVERY ?? 100);
const runs = (process.env.BENCH_RUNS ?? 'relais,trivial').split(',');
const heap = process.env.BENCH_HEAP === '1';
const concurrency = 8;
const MiB = 1024 * 1024;

interface Sample {
  contacts: number;
  openWorkflows: number;
  rssMiB: number;
  /** Live heap after a full collection, with BENCH_HEAP=1. */
  heapMiB?: number;
}

const rssMiB = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
};

async function until(probe: () => Promise<boolean>, what: string, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** RSS once it has stopped moving (the collector runs after the last task), and the live heap. */
async function measure(pid: number, heapFile: string): Promise<Pick<Sample, 'rssMiB' | 'heapMiB'>> {
  let last = rssMiB(pid);
  for (let i = 0; i < 20; i += 1) {
    await new Promise((r) => setTimeout(r, 500));
    const now = rssMiB(pid);
    if (Math.abs(now - last) < 1) break;
    last = now;
  }
  if (!heap) return { rssMiB: last };
  if (existsSync(heapFile)) unlinkSync(heapFile);
  process.kill(pid, 'SIGHUP');
  await until(
    async () => existsSync(heapFile) && readFileSync(heapFile, 'utf8').length > 0,
    'heap',
  );
  const { heapMiB } = JSON.parse(readFileSync(heapFile, 'utf8')) as { heapMiB: number };
  return { rssMiB: rssMiB(pid), heapMiB };
}

async function inBatches(
  total: number,
  each: (i: number) => Promise<void>,
  afterBatch: (done: number) => Promise<void>,
) {
  for (let done = 0; done < total;) {
    const size = Math.min(sampleEvery, total - done);
    for (let first = 0; first < size; first += concurrency)
      await Promise.all(
        Array.from({ length: Math.min(concurrency, size - first) }, (_, k) =>
          each(done + first + k),
        ),
      );
    done += size;
    await afterBatch(done);
  }
}

function bundleByPackage(bundled: string): Record<string, number> {
  // Webpack's development bundles open each module with its path: `/***/ "./node_modules/luxon/…"`;
  // the inline source map at the end is left out.
  const code = bundled.slice(0, bundled.lastIndexOf('//# sourceMappingURL=data:'));
  const starts = [...code.matchAll(/^\/\*\*\*\/ "([^"]+)"$/gm)];
  const sizes: Record<string, number> = {};
  starts.forEach((m, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.index : code.length;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(m[1]!)?.[1] ?? 'relais';
    sizes[pkg] = (sizes[pkg] ?? 0) + (end - m.index);
  });
  return Object.fromEntries(Object.entries(sizes).sort((a, b) => b[1] - a[1]));
}

await provisionOrExit();
const dir = mkdtempSync(join(tmpdir(), 'relais-bench-memory-'));
const temporalPort = await freePort();
const mongoPort = await freePort();
const started: ManagedProcess[] = [];
const stopAll = () => Promise.all(started.reverse().map((p) => p.stop()));
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void stopAll().then(() => process.exit(130)));

const results: Record<string, Sample[]> = {};
const { code } = await bundleWorkflowCode({
  workflowsPath: join(repoRoot, 'workflows', 'index.ts'),
  logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
});
const bundle = { bytes: code.length, byPackage: bundleByPackage(code) };
try {
  started.push(
    await startTemporalDevServer({
      port: temporalPort,
      uiPort: await freePort(),
      dbFile: join(dir, 'temporal.db'),
      namespace: 'default',
      output: join(dir, 'temporal.log'),
    }),
  );
  started.push(
    await startFerretDb({ port: mongoPort, dataDir: dir, output: join(dir, 'ferretdb.log') }),
  );
  const connection = await Connection.connect({ address: `127.0.0.1:${temporalPort}` });
  const mongo = await connectMongo(mongoUriFor(mongoPort));
  // The workers and this client encrypt payloads with one master key, as a deployment does.
  const masterKey = randomBytes(32).toString('base64');
  const { dataConverter } = payloadEncryption(() => mongo.db, {
    current: masterKeyFrom(masterKey),
    previous: [],
  });
  const client = new Client({ connection, dataConverter });
  /** The trivial worker has no codec: its baseline stays the bare SDK. */
  const bareClient = new Client({ connection });
  const stores = createStores(mongo.db);
  await ensureIndexes(stores);

  const startWorker = async (name: string, script: string, taskQueue: string) => {
    const log = join(dir, `${name}.log`);
    const worker = spawnManaged({
      name,
      command: process.execPath,
      args: heap
        ? [
            '--expose-gc',
            '--import',
            'tsx',
            '--import',
            join(repoRoot, 'tests', 'bench', 'memory', 'heapProbe.ts'),
            script,
          ]
        : ['--import', 'tsx', script],
      cwd: repoRoot,
      env: {
        RELAIS_TEMPORAL_PORT: String(temporalPort),
        RELAIS_MONGO_PORT: String(mongoPort),
        TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
        TEMPORAL_TASK_QUEUE: taskQueue,
        RELAIS_DATA_DIR: dir,
        RELAIS_MASTER_KEY: masterKey,
        RELAIS_WORKER_CACHE: String(cache),
        BENCH_HEAP_FILE: join(dir, `${name}.heap.json`),
        // Workflows on the main thread, where the probe sees their heap.
        ...(heap ? { TEMPORAL_DEBUG: '1' } : {}),
      },
      output: log,
    });
    started.push(worker);
    await until(
      async () => {
        if (worker.child.exitCode !== null) throw new Error(`${name} exited, see ${log}`);
        return existsSync(log) && readFileSync(log, 'utf8').includes('polling');
      },
      `${name} to poll`,
      120_000,
    );
    return worker;
  };

  if (runs.includes('relais')) {
    const worker = await startWorker(
      'relais-worker',
      join(repoRoot, 'worker', 'main.ts'),
      'relais',
    );
    const pid = worker.child.pid!;
    const heapFile = join(dir, `${worker.name}.heap.json`);
    const samples: Sample[] = [
      { contacts: 0, openWorkflows: 0, ...(await measure(pid, heapFile)) },
    ];
    const deps = {
      stores,
      client,
      taskQueue: 'relais',
      auth: { open: true, tokens: stores.apiTokens },
    };
    const noCredentials = { authorization: null, signature: null, timestamp: null };
    const tasks = mongo.db.collection('tasks');
    await inBatches(
      cases,
      async (i) => {
        const body = JSON.stringify({
          messageId: `bench-${i}`,
          customer: { email: `client-${i}@exemple.fr`, name: `Client ${i}` },
          category: 'facturation',
          subject: 'Erreur sur ma facture',
          text: 'Ma facture de mars comporte deux fois les frais de livraison.',
        });
        const outcome = await handleInbound(deps, 'webform', body, noCredentials);
        if (outcome.status !== 202) throw new Error(`intake answered ${outcome.status}`);
      },
      async (done) => {
        // Every case has decided and written its task: the worker is idle again.
        await until(
          async () => (await tasks.countDocuments({ kind: 'case' })) >= done,
          `${done} case tasks`,
        );
        samples.push({
          contacts: done,
          openWorkflows: 2 * done,
          ...(await measure(pid, heapFile)),
        });
        console.log(
          `[bench] relais: ${done} contacts, RSS ${samples.at(-1)!.rssMiB.toFixed(0)} MiB`,
        );
      },
    );
    results.relais = samples;
    await worker.stop();
  }

  if (runs.includes('trivial')) {
    const taskQueue = 'trivial';
    const worker = await startWorker(
      'trivial-worker',
      join(repoRoot, 'tests', 'bench', 'memory', 'trivialWorker.ts'),
      taskQueue,
    );
    const pid = worker.child.pid!;
    const heapFile = join(dir, `${worker.name}.heap.json`);
    const samples: Sample[] = [
      { contacts: 0, openWorkflows: 0, ...(await measure(pid, heapFile)) },
    ];
    // As many workflows as Relais opened (two per contact), each through one bare signalWithStart.
    await inBatches(
      2 * cases,
      async (i) => {
        const handle = await bareClient.workflow.signalWithStart('trivialWorkflow', {
          workflowId: `trivial-${i}`,
          taskQueue,
          signal: noteSignal,
          signalArgs: [`note ${i}`],
        });
        await until(async () => (await handle.query(notesQuery)) === 1, `trivial-${i}`);
      },
      async (done) => {
        samples.push({
          contacts: done / 2,
          openWorkflows: done,
          ...(await measure(pid, heapFile)),
        });
        console.log(
          `[bench] trivial: ${done} workflows, RSS ${samples.at(-1)!.rssMiB.toFixed(0)} MiB`,
        );
      },
    );
    results.trivial = samples;
    await worker.stop();
  }
  await mongo.close();
  await connection.close();
} catch (err) {
  for (const log of ['relais-worker.log', 'trivial-worker.log'].map((f) => join(dir, f)))
    if (existsSync(log)) console.error(`--- ${log}\n${readFileSync(log, 'utf8').slice(-3000)}`);
  throw err;
} finally {
  await stopAll();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * MiB per cached workflow, from the first batch on (the first workflows also warm up the sandbox
 * and the clients), while the cache still holds every workflow.
 */
const perWorkflow = (s: Sample[], of: 'rssMiB' | 'heapMiB') => {
  const filled = s.filter((x) => x.openWorkflows <= cache);
  const from = filled[1];
  const to = filled.at(-1);
  if (!from || !to || to === from || to[of] === undefined) return null;
  return (to[of]! - from[of]!) / (to.openWorkflows - from.openWorkflows);
};
const fixed = (n: number | null | undefined, digits = 0) => (n == null ? '—' : n.toFixed(digits));
console.log(`\nworkflow bundle: ${(bundle.bytes / MiB).toFixed(2)} MiB`);
for (const [pkg, bytes] of Object.entries(bundle.byPackage).slice(0, 8))
  console.log(`  ${pkg.padEnd(28)} ${(bytes / 1024).toFixed(0).padStart(6)} KiB`);
console.log(
  `\ncache ${cache} workflows${heap ? ', workflows on the main thread (BENCH_HEAP=1)' : ''}`,
);
console.log('| worker | contacts | open workflows | RSS MiB | live heap MiB |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [name, samples] of Object.entries(results))
  for (const s of samples)
    console.log(
      `| ${name} | ${s.contacts} | ${s.openWorkflows} | ${fixed(s.rssMiB)} | ${fixed(s.heapMiB)} |`,
    );
for (const [name, samples] of Object.entries(results))
  console.log(
    `${name}: per cached workflow ${fixed(perWorkflow(samples, 'rssMiB'), 2)} MiB of RSS, ` +
      `${fixed(perWorkflow(samples, 'heapMiB'), 2)} MiB of live heap`,
  );
const out = join(repoRoot, 'tests', 'artifacts');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'bench-worker-memory.json'),
  JSON.stringify({ cases, cache, heap, bundle, results }, null, 2),
);
