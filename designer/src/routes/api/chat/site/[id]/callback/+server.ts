import { randomUUID } from 'node:crypto';
import { relais } from '$lib/server/relais';
import { throttled } from '../../../limits.server';
import { ChatCallbackSchema } from '../../siteApi';
import { offlineCase } from '../../offlineCase.server';
import { invalidFields, unknownSite } from '../../site.server';
import type { RequestHandler } from './$types';

/** What the case says for the agents, in the visitor's language. */
const request = {
  fr: (when: string) => `Rappel demandé depuis le chat${when ? ` (${when})` : ''}.`,
  en: (when: string) => `Callback requested from the chat${when ? ` (${when})` : ''}.`,
};

/**
 * Nobody can chat now: the visitor asks to be called back, an inbound contact with
 * `callbackRequested` (their time wish, read as the callback channel reads it, or "asap").
 */
export const POST: RequestHandler = async (event) => {
  const r = await relais();
  const refused = await throttled([['startPerAddress', event.getClientAddress()]]);
  if (refused) return refused;
  const site = await r.stores.chatSites.get(event.params.id);
  if (!site) return unknownSite();
  const parsed = ChatCallbackSchema.safeParse(await event.request.json().catch(() => null));
  if (!parsed.success) return invalidFields(parsed.error);
  const { name, phone, when, lang } = parsed.data;
  return offlineCase(
    r,
    'chat',
    {
      messageId: `chat-callback-${randomUUID()}`,
      customer: { phone, name },
      lang,
      text: request[lang](when),
      callbackRequested: when || true,
    },
    lang,
  );
};
