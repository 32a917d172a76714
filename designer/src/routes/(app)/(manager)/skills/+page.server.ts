import { managerRoles, requireRole } from '$lib/server/auth';
import {
  gone,
  idTaken,
  labelMap,
  recentAudit,
  refusedChange,
  stillUsed,
} from '$lib/server/catalogue';
import { readSkillForm } from '$lib/server/catalogueForms';
import { relais } from '$lib/server/relais';
import { actor } from '$lib/server/ruleSets';
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

export const actions: Actions = {
  save: async (event) => {
    const user = requireRole(event, ['manager']);
    const form = await event.request.formData();
    const input = readSkillForm(form);
    const isNew = form.get('isNew') === 'true';
    const { stores } = await relais();
    if (isNew && (await stores.skills.get(input._id))) return idTaken();
    try {
      const { doc } = await stores.skills.save(input, actor(user), isNew);
      return { saved: doc.labels, id: doc._id };
    } catch (err) {
      return refusedChange(err);
    }
  },
  remove: async (event) => {
    const user = requireRole(event, ['manager']);
    const id = String((await event.request.formData()).get('id') ?? '');
    const { stores } = await relais();
    const skill = await stores.skills.get(id);
    if (!skill) return gone();
    const result = await stores.skills.remove(id, actor(user));
    if (!result.ok) return stillUsed(skill.labels, result.usedBy);
    return { removed: skill.labels };
  },
};
