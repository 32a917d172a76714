import { managerRoles, requireRole } from '$lib/server/auth';
import { labelMap, recentAudit } from '$lib/server/catalogue';
import { catalogueActions } from '$lib/server/catalogueActions';
import { readTeamForm } from '$lib/server/catalogueForms';
import { relais } from '$lib/server/relais';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(event, managerRoles);
  const r = await relais();
  const [teams, users] = await Promise.all([r.stores.teams.list(), r.stores.users.list()]);
  return {
    teams,
    people: users
      .map((u) => ({ id: u._id, name: u.name, role: u.role, enabled: u.enabled }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    selected: event.url.searchParams.get('id'),
    audit: await recentAudit(r, 'team', labelMap(teams)),
  };
};

export const actions: Actions = catalogueActions({
  store: (stores) => stores.teams,
  read: readTeamForm,
  routerReads: false,
});
