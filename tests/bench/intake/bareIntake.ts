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
