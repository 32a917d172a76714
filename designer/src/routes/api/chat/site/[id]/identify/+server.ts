import { json } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { verifiedIdentity } from '$worker/chat/identityHash';
import { relais } from '$lib/server/relais';
import { throttled } from '../../../limits.server';
import { keepVisitor } from '../../../visitor.server';
import { ChatIdentifySchema } from '../../siteApi';
import { unknownSite } from '../../site.server';
import type { RequestHandler } from './$types';

/**
 * The host page's signed-in customer, vouched for by the site's secret: the visitor cookie names
 * them with no pre-chat form, and their messages reach their 360° record through the inbound
 * path. Anything short of the exact signature is refused, and the widget asks as for anyone.
 */
export const POST: RequestHandler = async ({ params, request, cookies, url, getClientAddress }) => {
  const r = await relais();
  const refused = await throttled([['startPerAddress', getClientAddress()]]);
  if (refused) return refused;
  const site = await r.stores.chatSites.get(params.id);
  if (!site) return unknownSite();
  const parsed = ChatIdentifySchema.safeParse(await request.json().catch(() => null));
  const secret = await r.stores.chatSites.secrets.get(site._id);
  if (!parsed.success || !secret || !verifiedIdentity(secret, parsed.data.email, parsed.data.hash))
    return json({ code: 'unverified', message: 'Identity not verified' }, { status: 403 });
  const { email, lang } = parsed.data;
  const known = await r.stores.customers.find({ email });
  const name = known?.name ?? (parsed.data.name || email.slice(0, email.indexOf('@')));
  keepVisitor(r, cookies, url, {
    id: randomUUID(),
    name,
    email,
    category: null,
    lang,
    caseId: null,
  });
  return json({ name }, { status: 201 });
};
