import { managerRoles, requireRole } from '$lib/server/auth';
import { labelMap, recentAudit } from '$lib/server/catalogue';
import { catalogueActions } from '$lib/server/catalogueActions';
import { readSkillForm } from '$lib/server/catalogueForms';
import { relais } from '$lib/server/relais';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(event, managerRoles);
  const r = await relais();
  const skills = await r.stores.skills.list();
  return {
    skills,
    selected: event.url.searchParams.get('id'),
    audit: await recentAudit(r, 'skill', labelMap(skills)),
  };
};

export const actions: Actions = catalogueActions({
  store: (stores) => stores.skills,
  read: readSkillForm,
  routerReads: false,
});
