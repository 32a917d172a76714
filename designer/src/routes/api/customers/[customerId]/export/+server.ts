import { json } from '@sveltejs/kit';
import { exportCustomer } from '$worker/privacy/exportCustomer';
import { relais } from '$lib/server/relais';
import type { RequestHandler } from './$types';

/**
 * GET: everything Relais holds on the customer as one JSON file (GDPR art. 15 and 20), for a
 * signed-in manager; the export is logged in the access log.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
  if (!locals.user)
    return json({ code: 'unauthenticated', message: 'Sign in first' }, { status: 401 });
  if (locals.user.role !== 'manager')
    return json({ code: 'forbidden', message: 'Managers only' }, { status: 403 });
  const r = await relais();
  const customer = await r.stores.customers.get(params.customerId);
  if (!customer) return json({ code: 'not-found', message: 'No such customer' }, { status: 404 });
  const doc = await exportCustomer(
    { db: r.stores.customers.col.db, client: r.client, codec: r.encryption.codec },
    customer._id,
  );
  await r.stores.accessAudit.append({
    actor: locals.user.id,
    actorName: locals.user.name,
    action: 'export',
    customerId: customer._id,
    caseId: null,
  });
  return new Response(JSON.stringify(doc, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="relais-customer-${customer._id}.json"`,
      'cache-control': 'no-store',
    },
  });
};
