import { managerRoles, requireRole } from '$lib/server/auth';
import { gone, idTaken, labelMap, recentAudit, refusedChange } from '$lib/server/catalogue';
import { readTeamForm } from '$lib/server/catalogueForms';
import { relais } from '$lib/server/relais';
import { actor } from '$lib/server/ruleSets';
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

export const actions: Actions = {
  save: async (event) => {
    const user = requireRole(event, ['manager']);
    const form = await event.request.formData();
    const input = readTeamForm(form);
    const isNew = form.get('isNew') === 'true';
    const { stores } = await relais();
    if (isNew && (await stores.teams.get(input._id))) return idTaken();
    try {
      const { doc } = await stores.teams.save(input, actor(user), isNew);
      return { saved: doc.labels, id: doc._id };
    } catch (err) {
      return refusedChange(err);
    }
  },
  remove: async (event) => {
    const user = requireRole(event, ['manager']);
    const id = String((await event.request.formData()).get('id') ?? '');
    const { stores } = await relais();
    const team = await stores.teams.get(id);
    if (!team) return gone();
    await stores.teams.remove(id, actor(user));
    return { removed: team.labels };
  },
};
