import { defaultQueueRouting } from '$workflows/contracts/routing';
import { managerRoles, requireRole } from '$lib/server/auth';
import {
  gone,
  idTaken,
  labelMap,
  recentAudit,
  refusedChange,
  stillUsed,
  tellRouter,
} from '$lib/server/catalogue';
import { readQueueForm } from '$lib/server/catalogueForms';
import { relais } from '$lib/server/relais';
import { actor, knownCalendars } from '$lib/server/ruleSets';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(event, managerRoles);
  const r = await relais();
  const [queues, calendars] = await Promise.all([r.stores.queues.list(), knownCalendars(r)]);
  const { queueId: _id, ...defaults } = defaultQueueRouting('');
  return {
    queues,
    calendars: calendars.map((c) => ({ id: c.id, name: c.name })),
    defaults,
    selected: event.url.searchParams.get('id'),
    audit: await recentAudit(r, 'queue', labelMap(queues)),
  };
};

export const actions: Actions = {
  save: async (event) => {
    const user = requireRole(event, ['manager']);
    const form = await event.request.formData();
    const input = readQueueForm(form);
    const isNew = form.get('isNew') === 'true';
    const r = await relais();
    if (isNew && (await r.stores.queues.get(input._id))) return idTaken();
    try {
      const { doc, changed } = await r.stores.queues.save(input, actor(user), isNew);
      if (changed) await tellRouter();
      return { saved: doc.labels, id: doc._id };
    } catch (err) {
      return refusedChange(err);
    }
  },
  remove: async (event) => {
    const user = requireRole(event, ['manager']);
    const id = String((await event.request.formData()).get('id') ?? '');
    const r = await relais();
    const queue = await r.stores.queues.get(id);
    if (!queue) return gone();
    const result = await r.stores.queues.remove(id, actor(user));
    if (!result.ok) return stillUsed(queue.labels, result.usedBy);
    await tellRouter();
    return { removed: queue.labels };
  },
};
