import { z } from 'zod';
import { requireUser } from '$lib/server/auth';
import { relais } from '$lib/server/relais';
import { customerRow } from '$lib/server/search/customerRow';
import type { PageServerLoad } from './$types';

const pageSize = 50;
/** `?page=` counts from 1; anything else is the first page. */
const PageParamSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

/** Every customer, most recently heard from first, one page read from the database. */
export const load: PageServerLoad = async (event) => {
  requireUser(event);
  const page = PageParamSchema.parse(event.url.searchParams.get('page') ?? 1);
  const { stores } = await relais();
  const { customers, total } = await stores.search.customerPage(page - 1, pageSize);
  return {
    customers: customers.map(customerRow),
    page,
    pages: Math.max(1, Math.ceil(total / pageSize)),
  };
};
