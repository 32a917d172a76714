/**
 * `npm run bench:history`: the history facts a decision reads (open cases, contacts in the last 7
 * days, the previous contact) on a real FerretDB holding many customers, read the old way (two
 * counts over `tasks` and `events`, the baseline measured in the same run) and from the
 * per-customer counters (one read by `_id`). Not a test: it prints a table, what FerretDB's
 * `explain` says of each query shape, and writes tests/artifacts/bench-customer-history.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Document } from 'mongodb';
import { freePort } from '../../launcher/ports';
import { repoRoot } from '../../launcher/paths';
import { provisionOrExit } from '../../launcher/provision';
import { mongoUriFor, startEmbeddedStore } from '../../launcher/services';
import { loadConfig } from '../../worker/config';
import { contactEventTypes } from '../../worker/store/customerStatsModel';
import { connectMongo } from '../../worker/store/mongo';
import { createStores, ensureIndexes } from '../../worker/store/stores';

const customers = Number(process.env.BENCH_CUSTOMERS ?? 1_000);
const eventsPerCustomer = Number(process.env.BENCH_EVENTS_PER_CUSTOMER ?? 5);
const reads = Number(process.env.BENCH_READS ?? 200);

const day = 24 * 3600_000;
const now = Date.now();

await provisionOrExit();
const dir = mkdtempSync(join(tmpdir(), 'relais-bench-'));
const port = await freePort();
// The engine of `npm start` (RELAIS_STORE_ENGINE picks the other).
const ferret = await startEmbeddedStore({
  engine: loadConfig().RELAIS_STORE_ENGINE,
  port,
  dataDir: dir,
  output: join(dir, 'ferretdb.log'),
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void ferret.stop().then(() => process.exit(130)));
try {
  const mongo = await connectMongo(mongoUriFor(port, 'bench'));
  const stores = createStores(mongo.db);
  await ensureIndexes(stores);
  const tasksCol = mongo.db.collection('tasks');
  const eventsCol = mongo.db.collection('events');

  console.log(`[bench] storing ${customers} customers, ${customers * eventsPerCustomer} events…`);
  // Seeding is not measured: bulk inserts of what the activities would have written.
  const customerId = (i: number) => `customer-${i}`;
  for (let first = 0; first < customers; first += 200) {
    const tasks: Document[] = [];
    const events: Document[] = [];
    for (let i = first; i < Math.min(first + 200, customers); i += 1) {
      for (const n of [0, 1]) {
        const caseId = `case-${i}-${n}`;
        const at = new Date(now - (n + 1) * 3 * day).toISOString();
        tasks.push({
          _id: caseId,
          taskId: caseId,
          kind: 'case',
          caseId,
          customerId: customerId(i),
          customerName: `Client ${i}`,
          status: n === 0 ? 'queued' : 'closed',
          channel: 'email',
          priority: 3,
          queue: 'general',
          skills: [],
          assignee: null,
          subject: 'Question',
          dueAt: null,
          escalationLevel: 0,
          openedAt: at,
          updatedAt: at,
          seq: 1,
        });
      }
      for (let e = 0; e < eventsPerCustomer; e += 1)
        events.push({
          _id: `case-${i}-0:event:${e}`,
          customerId: customerId(i),
          caseId: `case-${i}-0`,
          type: e % 2 === 0 ? 'message-received' : 'replied',
          at: new Date(now - e * 2 * day),
          data: { messageId: `m-${i}-${e}` },
        });
    }
    await tasksCol.insertMany(tasks);
    await eventsCol.insertMany(events);
  }

  const time = async (fn: (i: number) => Promise<unknown>) => {
    const start = performance.now();
    for (let r = 0; r < reads; r += 1) await fn((r * 7919) % customers);
    return (performance.now() - start) / reads;
  };

  const backfillStart = performance.now();
  await stores.customerStats.ready();
  const backfillSeconds = (performance.now() - backfillStart) / 1000;

  const since = new Date(now - 7 * day);
  const openFilter = (i: number) => ({
    customerId: customerId(i),
    kind: 'case',
    status: { $ne: 'closed' },
  });
  const contactFilter = (i: number) => ({
    customerId: customerId(i),
    type: { $in: [...contactEventTypes] },
    at: { $gte: since },
  });
  const oldMs = await time((i) =>
    Promise.all([
      tasksCol.countDocuments(openFilter(i)),
      eventsCol.countDocuments(contactFilter(i)),
    ]),
  );
  const newMs = await time((i) =>
    stores.customerStats.historyAt(customerId(i), new Date(now), 'current'),
  );

  // Same answers: the counters are a faster way to the same facts.
  for (const i of [0, Math.floor(customers / 2), customers - 1]) {
    const fast = await stores.customerStats.historyAt(customerId(i), new Date(now), 'current');
    const slow = {
      openCases: await tasksCol.countDocuments(openFilter(i)),
      contactsLast7Days: await eventsCol.countDocuments(contactFilter(i)),
    };
    if (fast.openCases !== slow.openCases || fast.contactsLast7Days !== slow.contactsLast7Days)
      throw new Error(`counters disagree for ${customerId(i)}: ${JSON.stringify({ fast, slow })}`);
  }

  const explain = async (collection: string, filter: Document) => {
    const out = await mongo.db.command({
      explain: { find: collection, filter },
      verbosity: 'queryPlanner',
    });
    return { filterPushdown: out.filterPushdown as unknown, plan: out.queryPlanner as unknown };
  };
  const explained = {
    'tasks count (old)': await explain('tasks', openFilter(0)),
    'events count (old)': await explain('events', contactFilter(0)),
    'customerStats by _id (new)': await explain('customerStats', { _id: customerId(0) }),
    // Not a history read, but on the same path: syncTask's seq-guarded upsert.
    'tasks upsert guard { _id, seq }': await explain('tasks', { _id: 'case-0-0', seq: { $lt: 2 } }),
  };

  const result = {
    customers,
    events: customers * eventsPerCustomer,
    tasks: customers * 2,
    reads,
    oldAggregatesMsPerDecision: Number(oldMs.toFixed(2)),
    countersMsPerDecision: Number(newMs.toFixed(2)),
    speedup: Number((oldMs / newMs).toFixed(1)),
    backfillSeconds: Number(backfillSeconds.toFixed(2)),
    explain: explained,
  };
  console.log(`
| customers | events | two counts (baseline) | counters by _id | speed-up | one-time backfill |
| ---: | ---: | ---: | ---: | ---: | ---: |
| ${customers} | ${result.events} | ${result.oldAggregatesMsPerDecision} ms | ${result.countersMsPerDecision} ms | ${result.speedup}× | ${result.backfillSeconds} s |
`);
  for (const [what, { filterPushdown, plan }] of Object.entries(explained))
    console.log(`${what}: filterPushdown=${String(filterPushdown)} ${JSON.stringify(plan)}`);
  mkdirSync(join(repoRoot, 'tests', 'artifacts'), { recursive: true });
  writeFileSync(
    join(repoRoot, 'tests', 'artifacts', 'bench-customer-history.json'),
    JSON.stringify(result, null, 2),
  );
  await mongo.close();
} finally {
  await ferret.stop();
  rmSync(dir, { recursive: true, force: true });
}
