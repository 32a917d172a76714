import { relais } from '$lib/server/relais';
import { customerLabel } from '$workflows/lib/customerLabel';
import type { PageServerLoad } from './$types';

/**
 * The access log (issue 13 §6), newest first: `?customer=` takes a customer's email or id,
 * `?user=` a user's id. Customers are named by their label, erased ones as such.
 */
export const load: PageServerLoad = async ({ url }) => {
  const { stores } = await relais();
  const customerQuery = url.searchParams.get('customer')?.trim() ?? '';
  const user = url.searchParams.get('user') ?? '';
  const found = customerQuery.includes('@')
    ? await stores.customers.find({ email: customerQuery })
    : customerQuery
      ? await stores.customers.get(customerQuery)
      : null;
  // An unknown email filters to nothing rather than to everything.
  const customerId = found?._id ?? (customerQuery ? customerQuery : undefined);
  const [entries, users] = await Promise.all([
    stores.accessAudit.find({ customerId, actor: user || undefined }),
    stores.users.list(),
  ]);
  const customerIds = [...new Set(entries.flatMap((e) => (e.customerId ? [e.customerId] : [])))];
  const customers = await Promise.all(customerIds.map((id) => stores.customers.get(id)));
  const labels = new Map(
    customerIds.map((id, i) => [id, customers[i] ? customerLabel(customers[i]) : null]),
  );
  return {
    filter: { customer: found?.email ?? customerQuery, user },
    users: users.map((u) => ({ id: u._id, name: u.name })),
    entries: entries.map((e) => ({
      at: e.at.toISOString(),
      actor: e.actor,
      actorName: e.actorName,
      fromCli: e.actor.startsWith('cli:'),
      action: e.action,
      customerId: e.customerId,
      customerLabel: e.customerId ? (labels.get(e.customerId) ?? null) : null,
      caseId: e.caseId,
    })),
  };
};
