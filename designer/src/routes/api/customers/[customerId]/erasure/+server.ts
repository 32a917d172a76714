import { json } from '@sveltejs/kit';
import { WorkflowNotFoundError } from '@temporalio/client';
import { managerOrToken } from '$lib/server/apiAuth';
import { requestErasure } from '$lib/server/erasure';
import { relais } from '$lib/server/relais';
import { ErasureCertificateStore } from '$worker/store/erasureCertificates';
import { erasureWorkflowId } from '$workflows/privacy/erasureIds';
import type { RequestHandler } from './$types';

/** Where the erasure of `subject` reads back, as POST answers it. */
const progress = (url: URL, subject: string, status: 'running' | 'done') => ({
  erasureId: erasureWorkflowId(subject),
  status,
  certificate: new URL(`/api/customers/${encodeURIComponent(subject)}/erasure`, url).href,
});

/**
 * POST: erases the customer (GDPR art. 17) for a manager or a token with customers:erase, and
 * answers at once: 202 while the erasure runs, 200 once done; GET here then reads the certificate.
 */
export const POST: RequestHandler = async (event) => {
  const caller = await managerOrToken(event, 'customers:erase');
  if (caller instanceof Response) return caller;
  const subject = event.params.customerId;
  const outcome = await requestErasure(await relais(), subject, caller);
  if (outcome.kind === 'not-found')
    return json({ code: 'not_found', message: `no customer ${subject}` }, { status: 404 });
  const body = progress(event.url, subject, outcome.kind);
  return json(body, {
    status: outcome.kind === 'done' ? 200 : 202,
    headers: { location: body.certificate },
  });
};

/** GET: the erasure certificate once done; 202 while the erasure runs. */
export const GET: RequestHandler = async (event) => {
  const caller = await managerOrToken(event, 'customers:erase');
  if (caller instanceof Response) return caller;
  const subject = event.params.customerId;
  const r = await relais();
  const certificate = await new ErasureCertificateStore(r.stores.customers.col.db).get(subject);
  if (certificate) return json(certificate);
  const running = await r.client.workflow
    .getHandle(erasureWorkflowId(subject))
    .describe()
    .then((d) => d.status.name === 'RUNNING')
    .catch((err: unknown) => {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    });
  if (running) return json(progress(event.url, subject, 'running'), { status: 202 });
  return json({ code: 'not_found', message: `no erasure of ${subject}` }, { status: 404 });
};
