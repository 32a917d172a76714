import { managerRoles, requireRole } from '$lib/server/auth';
import { labelMap, recentAudit } from '$lib/server/catalogue';
import { catalogueActions } from '$lib/server/catalogueActions';
import { relais } from '$lib/server/relais';
import { readCategoryForm } from './categoryForm';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(event, managerRoles);
  const r = await relais();
  const categories = await r.stores.categories.list();
  return {
    categories,
    selected: event.url.searchParams.get('id'),
    audit: await recentAudit(r, 'category', labelMap(categories)),
  };
};

export const actions: Actions = catalogueActions({
  store: (stores) => stores.categories,
  read: readCategoryForm,
  routerReads: false,
});
