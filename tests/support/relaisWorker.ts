import { WorkflowNotFoundError } from '@temporalio/client';
import {
  DefaultLogger,
  makeTelemetryFilterString,
  Runtime,
  Worker,
  type NativeConnection,
} from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { connectMongo, type Mongo } from '../../worker/store/mongo';
import { buildActivityDeps } from '../../worker/wiring';
import { createActivities, type WorkerActivities } from '../../worker/activities/createActivities';
import { createRouterActivityWorker, runBeside } from '../../worker/routing/routerActivityWorker';
import { seedIfEmpty } from '../../worker/seed/seed';
import type { Stores } from '../../worker/store/stores';
import { createErasureActivities } from '../../worker/privacy/erasureActivities';
import { testDataConverter, testEncryption } from './privacy';

// Once per test process: keep the worker's lifecycle chatter and the test server's capability
// warnings out of the test output.
Runtime.install({
  logger: new DefaultLogger('WARN'),
  telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
});

export interface RelaisTestWorker {
  worker: Worker;
  stores: Stores;
  mongo: Mongo;
  mongoUri: string;
  taskQueue: string;
  /** Runs the worker until the callback settles, then shuts everything down. */
  run<T>(fn: () => Promise<T>): Promise<T>;
}

/** A fresh database on the shared FerretDB, seeded like a first start. */
export async function freshDatabase(): Promise<{ mongo: Mongo; stores: Stores; uri: string }> {
  const uri = inject('mongoUri').replace(/\/[^/]*$/, `/t${randomUUID().slice(0, 8)}`);
  const mongo = await connectMongo(uri);
  const deps = await buildActivityDeps(mongo.db);
  await seedIfEmpty(deps.stores, () => {});
  return { mongo, stores: deps.stores, uri };
}

/** The real worker (bundled workflows, real activities on FerretDB) on its own task queue. */
export async function createRelaisWorker(
  connection: NativeConnection,
  options: {
    namespace?: string;
    prepare?: (stores: Stores) => Promise<void>;
    /** Activities that behave otherwise than the real ones (an outage, a refusal). */
    replace?: Partial<WorkerActivities>;
  } = {},
): Promise<RelaisTestWorker> {
  const namespace = options.namespace ?? 'default';
  const { mongo, uri, stores } = await freshDatabase();
  await options.prepare?.(stores);
  const deps = await buildActivityDeps(mongo.db);
  const taskQueue = `test-${randomUUID()}`;
  const activities = {
    ...createActivities(deps),
    ...createErasureActivities({
      db: mongo.db,
      tasks: deps.stores.tasks,
      keys: (await testEncryption()).keys,
    }),
    ...options.replace,
  };
  const dataConverter = await testDataConverter();
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue,
    dataConverter,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    activities,
  });
  const routerWorker = await createRouterActivityWorker({
    connection,
    namespace,
    taskQueue,
    dataConverter,
    activities,
  });
  return {
    worker,
    stores: deps.stores,
    mongo,
    mongoUri: uri,
    taskQueue,
    run: async (fn) => {
      try {
        return await runBeside(worker, routerWorker, fn);
      } finally {
        await mongo.close();
      }
    },
  };
}

/**
 * Polls `probe` in real time until it returns a value; fails with `what` after the timeout,
 * which is generous: on a loaded 2-core machine a write can take tens of seconds to land.
 */
export async function eventually<T>(
  probe: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A workflow the caller already knows of may not be started yet: the customer workflow
    // answers with the case id in the task that asks the server to start the case.
    const value = await probe().catch((err: unknown) => {
      if (err instanceof WorkflowNotFoundError) return null;
      throw err;
    });
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
