import { setTimeout as sleep } from 'node:timers/promises';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { bareSignal, bareUpdate, bareWorkflow } from './bareWorkflow';

/** The ceiling: `signalWithStart` of the empty workflow, one new workflow per call. */
export const bareSignalWithStart =
  (client: Client, taskQueue: string, run: string) => async (n: number) => {
    await client.workflow.signalWithStart(bareWorkflow, {
      workflowId: `bare-signal-${run}-${n}`,
      taskQueue,
      signal: bareSignal,
      signalArgs: [`m-${n}`],
    });
    return 'ok';
  };

/** The same through update-with-start: the answer comes back once the workflow handled it. */
export const bareUpdateWithStart =
  (client: Client, taskQueue: string, run: string) => async (n: number) => {
    await client.workflow.executeUpdateWithStart(bareUpdate, {
      args: [`m-${n}`],
      startWorkflowOperation: new WithStartWorkflowOperation(bareWorkflow, {
        workflowId: `bare-update-${run}-${n}`,
        taskQueue,
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
    return 'ok';
  };

/**
 * Waits until the bare worker has finished every workflow started so far: `signalWithStart`
 * returns before the worker runs anything, and its backlog must not slow the next phase.
 */
export async function drainBare(
  client: Client,
  taskQueue: string,
  timeoutMs = 180_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { count } = await client.workflow.count(
      `TaskQueue = "${taskQueue}" AND ExecutionStatus = "Running"`,
    );
    if (count === 0 || Date.now() > deadline) return count;
    await sleep(250);
  }
}
