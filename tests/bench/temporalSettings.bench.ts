/**
 * `npm run bench:temporal`: the embedded Temporal dev server's settings against the bare ceiling.
 * For each candidate (SQLite pragmas, dynamic config), a fresh dev server and a worker of the empty
 * workflow (`intake/bareWorkflow.ts`) take closed-loop signalWithStart calls at concurrency 1
 * and 16 for BENCH_SECONDS (15) each; the rates are compared with SQLite's own defaults measured
 * in the same run. BENCH_ROUNDS (1) repeats the candidates in turn, to see the noise.
 * Not a test: it prints a table and writes tests/artifacts/bench-temporal-settings.json.
 */
import { Client, Connection } from '@temporalio/client';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { freePort } from '../../launcher/ports';
import { repoRoot } from '../../launcher/paths';
import { spawnManaged } from '../../launcher/process';
import { provisionOrExit } from '../../launcher/provision';
import {
  startTemporalDevServer,
  temporalDynamicConfig,
  temporalSqlitePragmas,
} from '../../launcher/services';
import { bareSignal } from './intake/bareWorkflow';

const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
const concurrencies = [1, 16];

interface Candidate {
  name: string;
  sqlitePragmas: string[];
  dynamicConfig: Record<string, unknown>;
}

const wal = ['journal_mode=wal', 'synchronous=normal'];
const candidates: Candidate[] = [
  { name: 'SQLite defaults', sqlitePragmas: [], dynamicConfig: {} },
  { name: 'WAL + synchronous=normal', sqlitePragmas: wal, dynamicConfig: {} },
  {
    name: 'WAL + shardIOConcurrency 8',
    sqlitePragmas: wal,
    dynamicConfig: { 'history.shardIOConcurrency': 8 },
  },
  {
    name: 'WAL + 1 task queue partition',
    sqlitePragmas: wal,
    dynamicConfig: {
      'matching.numTaskqueueReadPartitions': 1,
      'matching.numTaskqueueWritePartitions': 1,
    },
  },
  {
    name: 'Relais (launcher/services.ts)',
    sqlitePragmas: temporalSqlitePragmas,
    dynamicConfig: temporalDynamicConfig,
  },
];

async function until(probe: () => boolean, what: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Closed loop: `concurrency` callers, each starting the next workflow when its call returns. */
async function signalWithStartRate(client: Client, taskQueue: string, concurrency: number) {
  const end = Date.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        await client.workflow.signalWithStart('bareWorkflow', {
          workflowId: `bare-${randomUUID()}`,
          taskQueue,
          signal: bareSignal,
          signalArgs: ['m'],
        });
        done += 1;
      }
    }),
  );
  return done / seconds;
}

async function measure(candidate: Candidate): Promise<Record<number, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'relais-bench-temporal-'));
  const port = await freePort();
  const server = await startTemporalDevServer({
    port,
    uiPort: await freePort(),
    dbFile: join(dir, 'temporal.db'),
    namespace: 'default',
    output: join(dir, 'temporal.log'),
    sqlitePragmas: candidate.sqlitePragmas,
    dynamicConfig: candidate.dynamicConfig,
  });
  const taskQueue = 'bare';
  const log = join(dir, 'worker.log');
  const worker = spawnManaged({
    name: 'bare-worker',
    command: process.execPath,
    args: ['--import', 'tsx', join(repoRoot, 'tests', 'bench', 'intake', 'bareWorkerMain.ts')],
    cwd: repoRoot,
    env: { TEMPORAL_ADDRESS: `127.0.0.1:${port}`, TEMPORAL_TASK_QUEUE: taskQueue },
    output: log,
  });
  const connection = await Connection.connect({ address: `127.0.0.1:${port}` });
  try {
    await until(() => existsSync(log) && readFileSync(log, 'utf8').includes('polling'), 'worker');
    const client = new Client({ connection });
    // Warm-up: the first calls create the namespace's caches and the worker's sandbox.
    await signalWithStartRate(client, taskQueue, 4).catch(() => 0);
    const rates: Record<number, number> = {};
    for (const c of concurrencies) rates[c] = await signalWithStartRate(client, taskQueue, c);
    return rates;
  } finally {
    await connection.close();
    await worker.stop();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await provisionOrExit();
const results: { name: string; round: number; rates: Record<number, number> }[] = [];
for (let round = 1; round <= rounds; round += 1)
  for (const candidate of candidates) {
    const rates = await measure(candidate);
    results.push({ name: candidate.name, round, rates });
    console.log(
      `[bench] ${candidate.name}: ${concurrencies.map((c) => `c${c} ${rates[c]!.toFixed(1)}/s`).join(', ')}`,
    );
  }

const mean = (name: string, c: number) => {
  const rs = results.filter((r) => r.name === name).map((r) => r.rates[c]!);
  return rs.reduce((a, b) => a + b, 0) / rs.length;
};
const base = candidates[0]!.name;
console.log(
  `\nbare signalWithStart per second, closed loop, ${seconds} s each, ${rounds} round(s)`,
);
console.log(`| settings | ${concurrencies.map((c) => `concurrency ${c} | ratio`).join(' | ')} |`);
console.log(`| --- | ${concurrencies.map(() => '---: | ---:').join(' | ')} |`);
for (const { name } of candidates)
  console.log(
    `| ${name} | ${concurrencies
      .map((c) => `${mean(name, c).toFixed(1)} | ${(mean(name, c) / mean(base, c)).toFixed(2)}`)
      .join(' | ')} |`,
  );
const out = join(repoRoot, 'tests', 'artifacts');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'bench-temporal-settings.json'),
  JSON.stringify({ seconds, candidates, results }, null, 2),
);
