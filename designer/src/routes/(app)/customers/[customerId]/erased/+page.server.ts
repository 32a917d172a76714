import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth';
import { relais } from '$lib/server/relais';
import { ErasureCertificateStore } from '$worker/store/erasureCertificates';
import type { PageServerLoad } from './$types';

/** The erasure certificate of a customer: what went and when, for managers. */
export const load: PageServerLoad = async (event) => {
  const user = requireUser(event);
  if (user.role !== 'manager') error(403, 'Managers only');
  const { stores } = await relais();
  const certificate = await new ErasureCertificateStore(stores.customers.col.db).get(
    event.params.customerId,
  );
  if (!certificate) error(404, 'No erasure of this customer');
  return { certificate };
};
