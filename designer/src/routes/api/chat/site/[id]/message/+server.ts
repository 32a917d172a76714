import { randomUUID } from 'node:crypto';
import { relais } from '$lib/server/relais';
import { throttled } from '../../../limits.server';
import { ChatLeaveMessageSchema } from '../../siteApi';
import { offlineCase } from '../../offlineCase.server';
import { invalidFields, unknownSite } from '../../site.server';
import type { RequestHandler } from './$types';

/** Nobody can chat now: the visitor's message opens a case on the email channel instead. */
export const POST: RequestHandler = async ({ params, request, getClientAddress }) => {
  const r = await relais();
  const refused = await throttled([['startPerAddress', getClientAddress()]]);
  if (refused) return refused;
  const site = await r.stores.chatSites.get(params.id);
  if (!site) return unknownSite();
  const parsed = ChatLeaveMessageSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return invalidFields(parsed.error);
  const { name, email, text, lang } = parsed.data;
  return offlineCase(
    r,
    'email',
    { messageId: `chat-offline-${randomUUID()}`, customer: { email, name }, lang, text },
    lang,
  );
};
