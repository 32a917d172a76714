import { NativeConnection, Worker } from '@temporalio/worker';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDir } from '../launcher/paths';
import { loadConfig, temporalConnectionOptions } from './config';
import { connectMongo } from './store/mongo';
import { buildActivityDeps, buildChannelAdapters } from './wiring';
import { createActivities } from './activities/createActivities';
import { ensureDemoToken } from './seed/demoToken';
import { seedIfEmpty } from './seed/seed';

/** The worker process: polls the Relais task queue and runs workflows and activities. */
const config = loadConfig();
const mongo = await connectMongo(config.MONGODB_URI);
const deps = await buildActivityDeps(
  mongo.db,
  buildChannelAdapters({ url: config.SMTP_URL, from: config.SMTP_FROM }),
);
await seedIfEmpty(deps.stores, console.log);
await ensureDemoToken(
  deps.stores,
  { secret: config.RELAIS_INBOUND_SECRET, open: config.RELAIS_INBOUND_OPEN },
  join(dataDir, 'demo-token'),
  console.log,
);

const connection = await NativeConnection.connect(temporalConnectionOptions(config));
const worker = await Worker.create({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('../workflows/index.ts', import.meta.url)),
  activities: createActivities(deps),
});
console.log(
  `[worker] polling task queue "${config.TEMPORAL_TASK_QUEUE}" on ${config.TEMPORAL_ADDRESS} (namespace ${config.TEMPORAL_NAMESPACE})`,
);
try {
  // Worker.run handles SIGINT/SIGTERM: it drains in-flight tasks, then resolves.
  await worker.run();
} finally {
  await connection.close();
  await mongo.close();
}
