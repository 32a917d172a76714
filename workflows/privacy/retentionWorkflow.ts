import { executeChild, proxyActivities } from '@temporalio/workflow';
import type { ErasureActivities, RetentionInput, RetentionReport } from './erasureContract';
import { erasureWorkflowId } from './erasureIds';
import { erasureWorkflow } from './erasureWorkflow';

const acts = proxyActivities<ErasureActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** Erasures run side by side, a few at a time: each closes workflows and rewrites documents. */
const parallelErasures = 4;

/**
 * The retention purge the schedule starts (worker/privacy/retentionSchedule.ts): customers with
 * no contact for `months` go through the same erasure as a manager's request, one erasure
 * workflow each (an erasure already under way for one of them is left to finish on its own).
 */
export async function retentionWorkflow(input: RetentionInput): Promise<RetentionReport> {
  const report = await acts.retentionSweep(input, new Date().toISOString(), false);
  for (let i = 0; i < report.inactive.length; i += parallelErasures)
    await Promise.all(
      report.inactive.slice(i, i + parallelErasures).map((subject) =>
        executeChild(erasureWorkflow, {
          workflowId: erasureWorkflowId(subject),
          args: [{ subject, reason: 'retention', requestedBy: 'retention' }],
        }).catch((err: unknown) => {
          if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
        }),
      ),
    );
  return report;
}
