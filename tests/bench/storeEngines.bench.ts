/**
 * `npm run bench:store`: the hot-path queries on FerretDB over the embedded PostgreSQL and over
 * SQLite, side by side in one run, on a store holding BENCH_CONTACTS contacts (default 10,000:
 * each a customer, its identity key and counters, a task, four timeline events, a decision and an
 * outbox message, copied from one contact written through the stores). Prints each query's time
 * per call with the SQLite/PostgreSQL ratio and what `explain` says of it, and writes
 * tests/artifacts/bench-store-engines-<contacts>.json and .md. Not a test.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Document } from 'mongodb';
import { freePort } from '../../launcher/ports';
import { repoRoot } from '../../launcher/paths';
import { provisionOrExit } from '../../launcher/provision';
import { startEmbeddedStore, type EmbeddedStore } from '../../launcher/services';
import { type StoreEngine, StoreEngineSchema } from '../../worker/config';
import { seedIfEmpty } from '../../worker/seed/seed';
import { connectMongo, mongoClientOptions } from '../../worker/store/mongo';
import { createStores, ensureIndexes, type Stores } from '../../worker/store/stores';
import { bulkIds, cloneContacts, writeContact } from '../support/contactFixtures';
import { explainQuery, type PlanSummary } from '../support/explainPlan';
import { backlogTask } from '../support/taskFixtures';

const contacts = Number(process.env.BENCH_CONTACTS ?? 10_000);
const engines = (process.env.BENCH_ENGINES ?? 'postgresql,sqlite')
  .split(',')
  .map((e) => StoreEngineSchema.parse(e));
/** Each query runs this many times, or for this long, whichever comes first (at least once). */
const maxCalls = Number(process.env.BENCH_CALLS ?? 100);
const maxSecondsPerQuery = Number(process.env.BENCH_SECONDS ?? 8);

interface Query {
  name: string;
  run: (stores: Stores, i: number, call: number) => Promise<unknown>;
  /** The backend query it sends, for `explain`. */
  explain: (i: number) => Document;
}

const task = (i: number, seq: number) => {
  const ids = bulkIds(i);
  return backlogTask(i, {
    taskId: ids.caseId,
    caseId: ids.caseId,
    customerId: ids.customerId,
    seq,
  });
};

const queries: Query[] = [
  {
    name: 'customer by email (key, then customer, by _id)',
    run: (s, i) => s.customers.find({ email: bulkIds(i).email }),
    explain: (i) => ({ find: 'customerKeys', filter: { _id: `email:${bulkIds(i).email}` } }),
  },
  {
    name: 'customers findOne {_id}',
    run: (s, i) => s.customers.get(bulkIds(i).customerId),
    explain: (i) => ({ find: 'customers', filter: { _id: bulkIds(i).customerId } }),
  },
  {
    name: 'customerStats findOne {_id}',
    run: (s, i) => s.customerStats.get(bulkIds(i).customerId),
    explain: (i) => ({ find: 'customerStats', filter: { _id: bulkIds(i).customerId } }),
  },
  {
    name: 'tasks upsert {_id, seq: {$lt}}',
    run: (s, i, call) => s.tasks.upsert(task(i, 2 + call)),
    explain: (i) => ({ find: 'tasks', filter: { _id: bulkIds(i).caseId, seq: { $lt: 2 } } }),
  },
  {
    name: 'timeline by case',
    run: (s, i) => s.timeline.forCase(bulkIds(i).caseId),
    explain: (i) => ({ find: 'events', filter: { caseId: bulkIds(i).caseId } }),
  },
  {
    name: 'decisions by case',
    run: (s, i) => s.decisions.forCase(bulkIds(i).caseId),
    explain: (i) => ({ find: 'decisions', filter: { caseId: bulkIds(i).caseId } }),
  },
  {
    name: 'task list page, one queue',
    run: (s) => s.tasks.listPage({ queue: 'billing' }, 0, 50),
    explain: () => ({ find: 'tasks', filter: { status: { $ne: 'closed' }, queue: 'billing' } }),
  },
  {
    name: 'task list page, all open',
    run: (s) => s.tasks.listPage({}, 0, 50),
    explain: () => ({ find: 'tasks', filter: { status: { $ne: 'closed' } } }),
  },
];

interface EngineResult {
  loadSeconds: number;
  msPerCall: Record<string, number>;
  calls: Record<string, number>;
  plans: Record<string, PlanSummary>;
}

async function measure(engine: StoreEngine): Promise<EngineResult> {
  const dir = mkdtempSync(join(tmpdir(), `relais-bench-${engine}-`));
  let store: EmbeddedStore | undefined;
  try {
    store = await startEmbeddedStore({
      engine,
      port: await freePort(),
      dataDir: dir,
      output: join(dir, 'ferretdb.log'),
    });
    // No socket timeout: on SQLite one read of a large store can take longer than the worker's 20 s.
    const mongo = await connectMongo(store.uri('bench'), {
      ...mongoClientOptions,
      socketTimeoutMS: 0,
    });
    try {
      const stores = createStores(mongo.db);
      await ensureIndexes(stores);
      await seedIfEmpty(stores, () => {});
      const loadStart = performance.now();
      const exemplar = await writeContact(stores);
      await cloneContacts(mongo.db, exemplar, 0, contacts);
      const loadSeconds = (performance.now() - loadStart) / 1000;
      console.log(`[bench] ${engine}: ${contacts} contacts stored in ${loadSeconds.toFixed(1)} s`);
      await stores.customerStats.ready();

      const result: EngineResult = { loadSeconds, msPerCall: {}, calls: {}, plans: {} };
      for (const q of queries) {
        const pick = (call: number) => (call * 7919 + 13) % contacts;
        await q.run(stores, pick(0), 0); // warm the connection and the plan
        const start = performance.now();
        let calls = 0;
        while (calls < maxCalls && performance.now() - start < maxSecondsPerQuery * 1000) {
          calls += 1;
          await q.run(stores, pick(calls), calls);
        }
        result.msPerCall[q.name] = (performance.now() - start) / calls;
        result.calls[q.name] = calls;
        result.plans[q.name] = await explainQuery(mongo.db, q.explain(pick(1)));
        console.log(
          `[bench] ${engine}: ${q.name}: ${result.msPerCall[q.name]!.toFixed(2)} ms (${calls} calls)`,
        );
      }
      return result;
    } finally {
      await mongo.close();
    }
  } finally {
    await store?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await provisionOrExit();
const results: Partial<Record<StoreEngine, EngineResult>> = {};
for (const engine of engines) results[engine] = await measure(engine);

const planWords = (p: PlanSummary | undefined) =>
  p ? `${p.usesIndex ? 'index' : 'scan'}${p.filterPushdown ? '' : ', no pushdown'}` : '—';
const ms = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(2));
const pg = results.postgresql;
const lite = results.sqlite;
const rows = queries.map((q) => {
  const a = pg?.msPerCall[q.name];
  const b = lite?.msPerCall[q.name];
  const ratio = a !== undefined && b !== undefined ? `${(b / a).toFixed(1)}×` : '—';
  return `| ${q.name} | ${ms(a)} | ${ms(b)} | ${ratio} | ${planWords(pg?.plans[q.name])} | ${planWords(lite?.plans[q.name])} |`;
});
const table = [
  `${contacts.toLocaleString('en')} contacts; ms per call; ratio = SQLite / PostgreSQL`,
  '',
  '| query | PostgreSQL | SQLite | ratio | PostgreSQL plan | SQLite plan |',
  '| --- | ---: | ---: | ---: | --- | --- |',
  ...rows,
  `| bulk load (s) | ${pg ? pg.loadSeconds.toFixed(1) : '—'} | ${lite ? lite.loadSeconds.toFixed(1) : '—'} | | | |`,
].join('\n');
console.log(`\n${table}\n`);
const outDir = join(repoRoot, 'tests', 'artifacts');
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, `bench-store-engines-${contacts}.json`),
  JSON.stringify({ contacts, results }, null, 2),
);
writeFileSync(join(outDir, `bench-store-engines-${contacts}.md`), `${table}\n`);
