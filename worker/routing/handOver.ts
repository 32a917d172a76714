import type { Client } from '@temporalio/client';
import type { HandOver } from '../../workflows/contracts/activities';
import {
  releaseWorkSignal,
  routerWorkflowIdFor,
  routerWorkflowTaskTimeout,
  type RouterWorkflowInput,
  routeWorkSignal,
  withdrawWorkSignal,
} from '../../workflows/contracts/routing';

/** The router's workflow type, as `workflows/index.ts` exports it. */
export const routerWorkflowType = 'routerWorkflow';
/** A first start: the router loads the catalogue itself. */
const firstStart: RouterWorkflowInput = { state: null };

/** Starts the one router on `taskQueue` unless it already runs (worker start). */
export async function ensureRouter(client: Client, taskQueue: string): Promise<void> {
  await client.workflow.start(routerWorkflowType, {
    workflowId: routerWorkflowIdFor(taskQueue),
    taskQueue,
    args: [firstStart],
    workflowTaskTimeout: routerWorkflowTaskTimeout,
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}

/**
 * Sends one case's messages to the router, in order. Each is a signal-with-start, so the router
 * starts on demand and none is lost to a router that is not running yet; the router takes a
 * re-sent message as an update of the same case, so a retried activity changes nothing more.
 */
export async function handOver(
  client: Client,
  taskQueue: string,
  handOvers: HandOver[],
): Promise<void> {
  for (const h of handOvers) {
    const start = {
      workflowId: routerWorkflowIdFor(taskQueue),
      taskQueue,
      args: [firstStart],
      workflowTaskTimeout: routerWorkflowTaskTimeout,
    };
    if (h.kind === 'route')
      await client.workflow.signalWithStart(routerWorkflowType, {
        ...start,
        signal: routeWorkSignal,
        signalArgs: [h.item],
      });
    else if (h.kind === 'withdraw')
      await client.workflow.signalWithStart(routerWorkflowType, {
        ...start,
        signal: withdrawWorkSignal,
        signalArgs: [h.withdraw],
      });
    else
      await client.workflow.signalWithStart(routerWorkflowType, {
        ...start,
        signal: releaseWorkSignal,
        signalArgs: [h.release],
      });
  }
}
