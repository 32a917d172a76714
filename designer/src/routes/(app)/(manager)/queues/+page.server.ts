import { defaultQueueRouting } from '$workflows/contracts/routing';
import { managerRoles, requireRole } from '$lib/server/auth';
import { labelMap, recentAudit } from '$lib/server/catalogue';
import { catalogueActions } from '$lib/server/catalogueActions';
import { readQueueForm } from '$lib/server/catalogueForms';
import { relais } from '$lib/server/relais';
import { knownCalendars } from '$lib/server/ruleSets';
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

export const actions: Actions = catalogueActions({
  store: (stores) => stores.queues,
  read: readQueueForm,
  routerReads: true,
});
