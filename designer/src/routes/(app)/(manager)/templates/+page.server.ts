import { z } from 'zod';
import { MessageTemplateSchema } from '$lib/presets';
import { managerRoles, requireRole } from '$lib/server/auth';
import { formFields, jsonField } from '$lib/server/forms';
import { placeholderRefusal } from '$lib/server/macros';
import { deleteTemplate, listTemplates, saveTemplate } from '$lib/server/presets';
import { relais } from '$lib/server/relais';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(event, managerRoles);
  return {
    templates: await listTemplates(await relais()),
    selected: event.url.searchParams.get('id'),
  };
};

export const actions: Actions = {
  save: async (event) => {
    requireRole(event, ['manager']);
    const parsed = jsonField(await event.request.formData(), 'template', MessageTemplateSchema);
    if (!parsed.ok) return parsed.failure;
    try {
      await saveTemplate(await relais(), parsed.data);
    } catch (err) {
      return placeholderRefusal(err, 'template');
    }
    return { saved: parsed.data.id };
  },
  delete: async (event) => {
    requireRole(event, ['manager']);
    const parsed = formFields(await event.request.formData(), z.object({ id: z.string().min(1) }));
    if (!parsed.ok) return parsed.failure;
    await deleteTemplate(await relais(), parsed.data.id);
    return { deleted: parsed.data.id };
  },
};
