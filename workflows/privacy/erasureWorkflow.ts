import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ErasureActivities, ErasureCertificate, ErasureRequest } from './erasureContract';

const acts = proxyActivities<ErasureActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/**
 * Erases one customer (GDPR art. 17). Each step is an idempotent activity, so a worker that dies
 * halfway leaves Temporal to retry the step on another: the workflows end first (a workflow
 * still running on a destroyed key could not replay), then MongoDB forgets the customer, then the
 * data key goes (their Temporal payloads become unreadable), and the certificate is written last.
 */
export async function erasureWorkflow(request: ErasureRequest): Promise<ErasureCertificate> {
  const done = await acts.erasureCertificate(request.subject);
  if (done) return done;
  const plan = await acts.planErasure(request.subject);
  const workflowsClosed = await acts.closeCustomerWorkflows(request.subject, plan.cases);
  await acts.eraseStoredData(request.subject, plan.cases);
  const dataKeyDestroyedAt = await acts.destroyCustomerKey(request.subject);
  return acts.writeErasureCertificate({
    ...request,
    requestedAt: workflowInfo().startTime.toISOString(),
    finishedAt: new Date().toISOString(),
    cases: plan.cases.length,
    workflowsClosed,
    counts: plan.counts,
    dataKeyDestroyedAt,
  });
}
