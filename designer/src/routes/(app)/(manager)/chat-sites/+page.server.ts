import { fail } from '@sveltejs/kit';
import { managerRoles, requireRole } from '$lib/server/auth';
import { labelMap, recentAudit } from '$lib/server/catalogue';
import { catalogueActions } from '$lib/server/catalogueActions';
import { relais } from '$lib/server/relais';
import { actor } from '$lib/server/ruleSets';
import { readChatSiteForm } from './chatSiteForm';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(event, managerRoles);
  const r = await relais();
  const [sites, queues, categories] = await Promise.all([
    r.stores.chatSites.list(),
    r.stores.queues.list(),
    r.stores.categories.list(),
  ]);
  const choice = (doc: { _id: string; labels: { fr: string; en: string } }) => ({
    id: doc._id,
    labels: doc.labels,
  });
  return {
    sites,
    queues: queues.map(choice),
    categories: categories.map(choice),
    selected: event.url.searchParams.get('id'),
    widgetUrl: `${event.url.origin}/widget.js`,
    audit: await recentAudit(r, 'chat-site', labelMap(sites)),
  };
};

const catalogue = catalogueActions({
  store: (stores) => stores.chatSites,
  read: readChatSiteForm,
  routerReads: false,
});

/** The secret is in this answer only: the page shows it once, as an API token's. */
async function newSecret(siteId: string, who: ReturnType<typeof actor>) {
  return (await relais()).stores.chatSites.secrets.regenerate(siteId, who);
}

export const actions: Actions = {
  /** A new site gets its identity secret at once, shown with the confirmation. */
  save: async (event) => {
    const user = requireRole(event, ['manager']);
    const isNew = (await event.request.clone().formData()).get('isNew') === 'true';
    const result = await catalogue.save(event);
    if (!isNew || !('saved' in result)) return result;
    return { ...result, secret: await newSecret(result.id, actor(user)) };
  },
  remove: catalogue.remove,
  regenerate: async (event) => {
    const user = requireRole(event, ['manager']);
    const id = String((await event.request.formData()).get('id') ?? '');
    const site = await (await relais()).stores.chatSites.get(id);
    if (!site) return fail(404, { notFound: true as const });
    return { id, regenerated: site.labels, secret: await newSecret(id, actor(user)) };
  },
};
