import { z } from 'zod';
import { LadderPresetSchema } from '$lib/presets';
import { managerRoles, requireRole } from '$lib/server/auth';
import { formFields, jsonField } from '$lib/server/forms';
import { catalogueChoices } from '$lib/server/catalogue';
import { deleteLadder, listLadders, saveLadder } from '$lib/server/presets';
import { relais } from '$lib/server/relais';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(event, managerRoles);
  const r = await relais();
  const [ladders, catalogue] = await Promise.all([listLadders(r), catalogueChoices(r)]);
  return {
    ladders,
    // "Move to queue" picks from the catalogue.
    queues: catalogue.queues,
    selected: event.url.searchParams.get('id'),
  };
};

export const actions: Actions = {
  save: async (event) => {
    requireRole(event, ['manager']);
    const parsed = jsonField(await event.request.formData(), 'ladder', LadderPresetSchema);
    if (!parsed.ok) return parsed.failure;
    await saveLadder(await relais(), parsed.data);
    return { saved: parsed.data.id };
  },
  delete: async (event) => {
    requireRole(event, ['manager']);
    const parsed = formFields(await event.request.formData(), z.object({ id: z.string().min(1) }));
    if (!parsed.ok) return parsed.failure;
    await deleteLadder(await relais(), parsed.data.id);
    return { deleted: parsed.data.id };
  },
};
