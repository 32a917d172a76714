import { json, type RequestEvent } from '@sveltejs/kit';
import { ErasureCertificateStore } from '$worker/store/erasureCertificates';
import { relais } from '$lib/server/relais';
import type { ErasureCertificate } from '$workflows/privacy/erasureContract';
import { erasureWorkflowId } from '$workflows/privacy/erasureIds';
import type { RequestHandler } from './$types';

/** Erasure is a manager's act: anyone else is refused, the anonymous first. */
function refuse({ locals }: Pick<RequestEvent, 'locals'>): Response | null {
  if (!locals.user)
    return json({ code: 'unauthenticated', message: 'Sign in first' }, { status: 401 });
  if (locals.user.role !== 'manager')
    return json({ code: 'forbidden', message: 'Managers only' }, { status: 403 });
  return null;
}

/** GET: the erasure certificate of the customer, once erased. */
export const GET: RequestHandler = async (event) => {
  const refused = refuse(event);
  if (refused) return refused;
  const r = await relais();
  const certificate = await new ErasureCertificateStore(r.stores.customers.col.db).get(
    event.params.customerId,
  );
  if (!certificate)
    return json({ code: 'not-found', message: 'No erasure of this customer' }, { status: 404 });
  return json(certificate);
};

/**
 * POST: erases the customer (GDPR art. 17) and answers the certificate. The erasure runs as a
 * Temporal workflow, one per customer: a second request, or one while it runs, gets the same.
 */
export const POST: RequestHandler = async (event) => {
  const refused = refuse(event);
  if (refused) return refused;
  const user = event.locals.user!;
  const subject = event.params.customerId;
  const r = await relais();
  const certificates = new ErasureCertificateStore(r.stores.customers.col.db);
  const known = await r.stores.customers.get(subject);
  if (!known) {
    const done = await certificates.get(subject);
    if (done) return json(done);
    return json({ code: 'not-found', message: 'No such customer' }, { status: 404 });
  }
  await r.stores.accessAudit.append({
    actor: user.id,
    actorName: user.name,
    action: 'erasure',
    customerId: subject,
    caseId: null,
  });
  const handle = await r.client.workflow.start('erasureWorkflow', {
    workflowId: erasureWorkflowId(subject),
    taskQueue: r.config.TEMPORAL_TASK_QUEUE,
    args: [{ subject, reason: 'request', requestedBy: user.id }],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  return json((await handle.result()) as ErasureCertificate);
};
