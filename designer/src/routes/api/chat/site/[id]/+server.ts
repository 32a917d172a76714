import { json } from '@sveltejs/kit';
import { relais } from '$lib/server/relais';
import { sitePublic, unknownSite } from '../site.server';
import type { RequestHandler } from './$types';

/** The site's public settings for its widget: what the pre-chat form asks, and if it is offline. */
export const GET: RequestHandler = async ({ params, url }) => {
  const r = await relais();
  const site = await r.stores.chatSites.get(params.id);
  if (!site) return unknownSite();
  const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'fr';
  return json(await sitePublic(r, site, lang), { headers: { 'cache-control': 'no-store' } });
};
