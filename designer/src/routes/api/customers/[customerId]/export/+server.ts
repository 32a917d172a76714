import { json } from '@sveltejs/kit';
import { exportCustomer } from '$worker/privacy/exportCustomer';
import { managerOrToken } from '$lib/server/apiAuth';
import { relais } from '$lib/server/relais';
import type { RequestHandler } from './$types';

/**
 * GET: everything Relais holds on the customer as one JSON file (GDPR art. 15 and 20), for a
 * signed-in manager or a token with customers:export; the export is logged in the access log.
 */
export const GET: RequestHandler = async (event) => {
  const caller = await managerOrToken(event, 'customers:export');
  if (caller instanceof Response) return caller;
  const { params } = event;
  const r = await relais();
  const customer = await r.stores.customers.get(params.customerId);
  if (!customer)
    return json(
      { code: 'not_found', message: `no customer ${params.customerId}` },
      { status: 404 },
    );
  const doc = await exportCustomer(
    { db: r.stores.customers.col.db, client: r.client, codec: r.encryption.codec },
    customer._id,
  );
  await r.stores.accessAudit.append({
    actor: caller.id,
    actorName: caller.name,
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
