import { json } from '@sveltejs/kit';
import type { z } from 'zod';
import { chatOnline } from '$worker/chat/chatOnline';
import type { ChatSiteDoc } from '$worker/store/chatSites';
import { localize } from '$rules/model/localized';
import { routerClient } from '$lib/server/live/router';
import type { Relais } from '$lib/server/relais';
import { ChatSitePublicSchema, type ChatSitePublic } from './siteApi';

/** A `data-relais-channel` no manager made: the widget says so rather than chat into nowhere. */
export const unknownSite = () =>
  json({ code: 'unknown-site', message: 'No chat site with this id' }, { status: 404 });

/** Field errors as codes by field, the first of each, as the pre-chat form's. */
export function invalidFields(error: z.ZodError) {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
  return json({ code: 'invalid', message: 'Check the fields', errors }, { status: 400 });
}

/** Whether an agent could take the site's chat now: its queue's hours and the router's presence. */
export async function siteOnline(r: Relais, site: ChatSiteDoc): Promise<boolean> {
  const [queue, users, snapshot] = await Promise.all([
    r.stores.queues.get(site.queueId),
    r.stores.users.list(),
    routerClient().then((router) => router.snapshot()),
  ]);
  if (!queue) return false;
  return chatOnline({
    queueId: site.queueId,
    calendar: await r.stores.calendars.get(queue.calendarId ?? 'default'),
    now: new Date(),
    agents: users.map((u) => ({
      id: u._id,
      enabled: u.enabled,
      queues: u.routing.queues,
      capacity: u.routing.capacity,
    })),
    presence: snapshot?.agents ?? null,
  });
}

/** The site's settings a widget may read, with its categories in the page's language. */
export async function sitePublic(
  r: Relais,
  site: ChatSiteDoc,
  lang: 'fr' | 'en',
): Promise<ChatSitePublic> {
  const categories = (await r.stores.categories.list())
    .filter((c) => site.categories.includes(c._id))
    .map((c) => ({ id: c._id, label: localize(c.labels, lang) }));
  return ChatSitePublicSchema.parse({
    categories,
    offline: site.offlineOffer && !(await siteOnline(r, site)),
  });
}
