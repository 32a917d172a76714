import { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { dataDir } from '../launcher/paths';
import type { Db } from 'mongodb';
import { type ActivityDeps, createActivities } from './activities/createActivities';
import { loadConfig, temporalConnectionOptions } from './config';
import { ensureDemoToken } from './seed/demoToken';
import { seedIfEmpty } from './seed/seed';
import { connectMongo } from './store/mongo';
import { ensureRouter } from './routing/handOver';
import { createRouterActivityWorker } from './routing/routerActivityWorker';
import { MongoKeeper } from './store/mongoKeeper';
import { buildActivityDeps, buildChannelAdapters } from './wiring';
import { startMailServices } from './email/mailServices';
import { loadLinkSecret } from './links/linkSecret';
import { createErasureActivities } from './privacy/erasureActivities';
import { loadMasterKeys } from './privacy/masterKeys';
import { ensureRetentionSchedule, retentionSettings } from './privacy/retentionSchedule';
import { dataKeysDb, payloadEncryption } from './privacy/payloadEncryption';
import { workflowBundleOptions } from './workflowBundle';
import { workflowCacheSize } from './workflowCache';

/** The worker process: polls the Relais task queue and runs workflows and activities. */
const config = loadConfig();
// The mail services read the database through the keeper, so they follow its replacements.
const mail = await startMailServices(config, () => mongo.current.db, console.log);
const channels = buildChannelAdapters({
  url: config.SMTP_URL ?? mail.sinkUrl,
  thread: mail.thread,
  from: config.SMTP_FROM,
  holdAfterSendIn: config.RELAIS_TEST_HOLD_AFTER_SEND,
  bridges: config.RELAIS_BRIDGES,
});
const first = await connectMongo(config.MONGODB_URI);
let mongoNow = first;
const keysDb = await dataKeysDb(config.RELAIS_DATA_KEYS_URI, () => mongoNow.db);
const masterKeys = loadMasterKeys(config, join(dataDir, 'master.key'), console.log);
const { dataConverter, keys } = payloadEncryption(keysDb.db, masterKeys);
const rewrapped = await keys.rewrapAll();
if (rewrapped > 0)
  console.log(`[privacy] re-wrapped ${rewrapped} data keys with the new master key`);
const statusLink = {
  secret: loadLinkSecret(config, join(dataDir, 'link.secret'), console.log),
  baseUrl: config.RELAIS_PUBLIC_URL,
  days: config.RELAIS_LINK_DAYS,
};
const firstDeps = await buildActivityDeps(first.db, channels, statusLink);
await seedIfEmpty(firstDeps.stores, console.log);
const repaired = await firstDeps.stores.customers.repairOrphans();
if (repaired > 0)
  console.log(`[worker] repaired ${repaired} customers whose creation had been cut short`);
await ensureDemoToken(
  firstDeps.stores,
  { secret: config.RELAIS_INBOUND_SECRET, open: config.RELAIS_INBOUND_OPEN },
  join(dataDir, 'demo-token'),
  console.log,
);

// The activities run on whichever MongoDB client is current: the keeper swaps in a fresh one
// when the old one stays broken after an outage, without restarting the worker.
// Erasure and retention (worker/privacy) need the key ring, to destroy a customer's data key.
const withErasure = (db: Db, deps: ActivityDeps) => ({
  ...createActivities(deps),
  ...createErasureActivities({ db, tasks: deps.stores.tasks, keys }),
});
let current = withErasure(first.db, firstDeps);
const mongo = new MongoKeeper(config.MONGODB_URI, first, async (fresh) => {
  mongoNow = fresh;
  current = withErasure(fresh.db, await buildActivityDeps(fresh.db, channels, statusLink));
});
const activities = Object.fromEntries(
  Object.keys(current).map((name) => [
    name,
    (...args: unknown[]) =>
      (current[name as keyof typeof current] as (...a: unknown[]) => Promise<unknown>)(...args),
  ]),
) as unknown as typeof current;

const cache = workflowCacheSize(
  {
    totalBytes: totalmem(),
    constrainedBytes: process.constrainedMemory?.() ?? 0,
    heapLimitBytes: getHeapStatistics().heap_size_limit,
  },
  { cache: config.RELAIS_WORKER_CACHE, memoryMiB: config.RELAIS_WORKER_MEMORY_MB },
);
const heapMiB = Math.round(getHeapStatistics().heap_size_limit / 1024 / 1024);
console.log(
  `[worker] workflow cache: ${cache.maxCachedWorkflows} workflows (${cache.why}); V8 heap limit ${heapMiB} MiB`,
);
const connection = await NativeConnection.connect(temporalConnectionOptions(config));
const { workflowsPath, preloadModules } = workflowBundleOptions();
const worker = await Worker.create({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  dataConverter,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  workflowsPath,
  bundlerOptions: { preloadModules },
  activities,
  // Bounded by the MongoDB pool (20): beyond it activities only queue for a connection, and
  // during an outage 100 stalled activities at once kept timing out and being retried together.
  maxConcurrentActivityTaskExecutions: 16,
  // Decisions run as local activities beside them; together they stay near the pool's size.
  maxConcurrentLocalActivityExecutions: 8,
  // Cases wait for days between events: the cache keeps the busy ones warm (no history replay
  // per task) and bounds the worker's memory however many cases are open.
  maxCachedWorkflows: cache.maxCachedWorkflows,
  // SIGTERM: in-flight activities get 3 s to finish, then are cancelled; at 6 s the worker
  // stops regardless, so a stuck activity cannot hold a deploy or `npm start`'s Ctrl-C.
  shutdownGraceTime: '3s',
  shutdownForceTime: '6s',
});
const routerWorker = await createRouterActivityWorker({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  dataConverter,
  activities,
});
mongo.start();
// Cases start the router on demand too; starting it here lets agents set their presence and
// the desk read queues before the first contact.
const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
await ensureRouter(client, config.TEMPORAL_TASK_QUEUE);
await ensureRetentionSchedule(client, config.TEMPORAL_TASK_QUEUE, retentionSettings(config));
await mail.receive(client);
console.log(
  `[worker] polling task queue "${config.TEMPORAL_TASK_QUEUE}" on ${config.TEMPORAL_ADDRESS} (namespace ${config.TEMPORAL_NAMESPACE})`,
);
let exitCode = 0;
try {
  // Worker.run handles SIGINT/SIGTERM: it drains in-flight tasks, then resolves.
  await Promise.all([worker.run(), routerWorker.run()]);
} catch (err) {
  console.error(`[worker] stopped: ${(err as Error).message}`);
  exitCode = 1;
} finally {
  await Promise.race([
    Promise.allSettled([mail.close(), connection.close(), mongo.close(), keysDb.close()]),
    new Promise((resolve) => setTimeout(resolve, 2_000).unref()),
  ]);
}
// A stuck activity (an awaited promise that never settles) would keep the process alive.
process.exit(exitCode);
