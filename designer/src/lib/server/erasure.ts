import type { WorkflowHandle } from '@temporalio/client';
import { ErasureCertificateStore } from '$worker/store/erasureCertificates';
import type { ErasureCertificate } from '$workflows/privacy/erasureContract';
import { erasureWorkflowId } from '$workflows/privacy/erasureIds';
import type { ApiCaller } from './apiAuth';
import type { Relais } from './relais';

export type ErasureOutcome =
  | { kind: 'not-found' }
  | { kind: 'done'; certificate: ErasureCertificate }
  | { kind: 'running'; handle: WorkflowHandle };

/**
 * Erases a customer (GDPR art. 17), the 360° page's button and the API alike: logged in the
 * access log with its caller, then run as the customer's one erasure workflow, so a second
 * request, or one while it runs, joins the first. An erased customer answers their certificate.
 */
export async function requestErasure(
  r: Relais,
  subject: string,
  caller: ApiCaller,
): Promise<ErasureOutcome> {
  if (!(await r.stores.customers.get(subject))) {
    const certificate = await new ErasureCertificateStore(r.stores.customers.col.db).get(subject);
    return certificate ? { kind: 'done', certificate } : { kind: 'not-found' };
  }
  await r.stores.accessAudit.append({
    actor: caller.id,
    actorName: caller.name,
    action: 'erasure',
    customerId: subject,
    caseId: null,
  });
  const handle = await r.client.workflow.start('erasureWorkflow', {
    workflowId: erasureWorkflowId(subject),
    taskQueue: r.config.TEMPORAL_TASK_QUEUE,
    args: [{ subject, reason: 'request', requestedBy: caller.id }],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  return { kind: 'running', handle };
}
