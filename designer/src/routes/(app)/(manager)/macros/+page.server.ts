import { fail } from '@sveltejs/kit';
import { managerRoles, requireRole } from '$lib/server/auth';
import { catalogueChoices } from '$lib/server/catalogue';
import { placeholderRefusal, readMacroForm } from '$lib/server/macros';
import { relais } from '$lib/server/relais';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(event, managerRoles);
  const r = await relais();
  const [macros, catalogue] = await Promise.all([r.stores.macros.list(), catalogueChoices(r)]);
  return { macros, queues: catalogue.queues, selected: event.url.searchParams.get('id') };
};

export const actions: Actions = {
  save: async (event) => {
    requireRole(event, ['manager']);
    const parsed = readMacroForm(await event.request.formData());
    if (!parsed.success)
      return fail(400, {
        invalid: [...new Set(parsed.error.issues.map((i) => String(i.path.at(-1))))],
      });
    try {
      const macro = await (await relais()).stores.macros.save(parsed.data);
      return { saved: macro.name, id: macro.id };
    } catch (err) {
      return placeholderRefusal(err, 'macro');
    }
  },
  remove: async (event) => {
    requireRole(event, ['manager']);
    const id = String((await event.request.formData()).get('id') ?? '');
    const r = await relais();
    const macro = await r.stores.macros.get(id);
    if (!macro) return fail(404, { gone: true });
    await r.stores.macros.remove(id);
    return { removed: macro.name };
  },
};
