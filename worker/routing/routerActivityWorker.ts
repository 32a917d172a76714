import { type NativeConnection, Worker } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import {
  type RouterActivities,
  routerActivityQueueFor,
  routerPublishersAtOnce,
} from '../../workflows/contracts/routing';

/**
 * The worker for the router's activities, on their own task queue beside the Relais one
 * (`taskQueue`): the router's publishes then never queue behind the cases' activities. Same
 * connection and data converter as the main worker; run it alongside.
 */
export function createRouterActivityWorker(opts: {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  dataConverter: DataConverter;
  activities: RouterActivities;
}): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: routerActivityQueueFor(opts.taskQueue),
    dataConverter: opts.dataConverter,
    activities: {
      loadRoutingCatalogue: opts.activities.loadRoutingCatalogue,
      publishRoutingEvents: opts.activities.publishRoutingEvents,
      lastRoutingEventSeq: opts.activities.lastRoutingEventSeq,
    },
    // The router's publishes side by side, plus a catalogue load.
    maxConcurrentActivityTaskExecutions: routerPublishersAtOnce + 1,
  });
}

/** Runs `fn` with both workers polling, then stops both (tests; the process runs them with `run`). */
export function runBeside<T>(main: Worker, beside: Worker, fn: () => Promise<T>): Promise<T> {
  return beside.runUntil(() => main.runUntil(fn));
}
