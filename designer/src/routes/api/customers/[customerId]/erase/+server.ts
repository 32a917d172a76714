import { json, type RequestEvent } from '@sveltejs/kit';
import { ErasureCertificateStore } from '$worker/store/erasureCertificates';
import { requestErasure } from '$lib/server/erasure';
import { relais } from '$lib/server/relais';
import type { ErasureCertificate } from '$workflows/privacy/erasureContract';
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
 * POST: erases the customer and answers the certificate once done, for the 360° page's button
 * (programs use /erasure, which answers at once).
 */
export const POST: RequestHandler = async (event) => {
  const refused = refuse(event);
  if (refused) return refused;
  const outcome = await requestErasure(await relais(), event.params.customerId, event.locals.user!);
  if (outcome.kind === 'not-found')
    return json({ code: 'not-found', message: 'No such customer' }, { status: 404 });
  if (outcome.kind === 'done') return json(outcome.certificate);
  return json((await outcome.handle.result()) as ErasureCertificate);
};
