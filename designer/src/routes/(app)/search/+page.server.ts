import { requireUser } from '$lib/server/auth';
import { relais } from '$lib/server/relais';
import { customerRow } from '$lib/server/search/customerRow';
import { customerLabel } from '$workflows/lib/customerLabel';
import type { PageServerLoad } from './$types';

/** Each group shows this many, the most recent first. */
const limit = 20;

/** Customers and cases matching the header's search box (`SearchStore.search`). */
export const load: PageServerLoad = async (event) => {
  requireUser(event);
  const q = (event.url.searchParams.get('q') ?? '').trim().slice(0, 200);
  if (q === '') return { q, limit, customers: [], cases: [] };
  const { stores } = await relais();
  const found = await stores.search.search(q, limit);
  // A case shows its customer's name and its status now: reads by _id, a few dozen at most.
  const cases = await Promise.all(
    found.cases.map(async (c) => {
      const [customer, task] = await Promise.all([
        stores.customers.get(c.customerId),
        stores.tasks.get(c._id),
      ]);
      return {
        caseId: c._id,
        ref: c.ref,
        subject: task?.subject || c.subject,
        customerId: customer ? c.customerId : null,
        customer: customer ? customerLabel(customer) : null,
        status: task?.status ?? null,
        openedAt: c.openedAt.toISOString(),
      };
    }),
  );
  return { q, limit, customers: found.customers.map(customerRow), cases };
};
