import { json } from '@sveltejs/kit';
import { localize } from '$rules/model/localized';
import { relais } from '$lib/server/relais';
import type { ChatConversation } from '../chatApi';
import { chatView } from '../conversation.server';
import { visitorOf } from '../visitor.server';
import type { RequestHandler } from './$types';

/**
 * The visitor's conversation, for the widget to continue it after a reload; without a genuine
 * visitor cookie, what the pre-chat form offers (a tampered cookie is a new visitor).
 */
export const GET: RequestHandler = async ({ cookies, url }) => {
  const r = await relais();
  const visitor = visitorOf(r, cookies);
  if (visitor)
    return json({ started: true, view: await chatView(r, visitor) } satisfies ChatConversation);
  const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'fr';
  const categories = (await r.stores.categories.list()).map((c) => ({
    id: c._id,
    label: localize(c.labels, lang),
  }));
  return json({ started: false, welcome: { categories } } satisfies ChatConversation);
};
