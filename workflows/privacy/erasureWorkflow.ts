import { patched, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { ErasureActivities, ErasureCertificate, ErasureRequest } from './erasureContract';

// The activities heartbeat while they work: a dead worker's step is retried within seconds,
// however long a large customer's step may take.
const acts = proxyActivities<ErasureActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** The cases' activities time out after 30 s (workflows/case/activities.ts), plus a margin. */
const lastActivityOfAnEndedCase = '40 seconds';

/**
 * Erases one customer (GDPR art. 17). Each step is an idempotent activity, so a worker that dies
 * halfway leaves Temporal to retry the step on another: the workflows end first (a workflow
 * still running on a destroyed key could not replay), then MongoDB forgets the customer, the
 * router starts a new run without their hand-overs (same reason), then the data key goes (their
 * Temporal payloads become unreadable), and the certificate is written last.
 */
export async function erasureWorkflow(request: ErasureRequest): Promise<ErasureCertificate> {
  const done = await acts.erasureCertificate(request.subject);
  if (done) return done;
  const plan = await acts.planErasure(request.subject);
  const workflowsClosed = await acts.closeCustomerWorkflows(request.subject, plan.cases);
  // An activity the ended workflows had started runs on to its end (a send, a timeline write):
  // MongoDB is erased once none can still write.
  if (workflowsClosed > 0) await sleep(lastActivityOfAnEndedCase);
  await acts.eraseStoredData(request.subject, plan.cases);
  // Only their cases ever reached the router. Erasures from before went on to the key without it.
  if (plan.cases.length > 0 && patched('erasure-router-roll-over'))
    await acts.rollOverRouter(plan.cases);
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
