import { json, type Cookies } from '@sveltejs/kit';
import { visitorCookieSite } from '$worker/chat/visitorCookieSite';
import { signVisitor, verifyVisitor, type ChatVisitor } from '$worker/chat/visitorToken';
import type { Relais } from '$lib/server/relais';
import { cookieOptions } from '$lib/server/session';
import { statusLinkSecret } from '../../status/linkSecret.server';

const cookieName = 'relais_chat';
/** A visitor comes back to the same conversation for a month. */
const cookieSeconds = 30 * 24 * 3600;

/** The visitor the signed cookie names; null when it is missing or was tampered with. */
export const visitorOf = (r: Relais, cookies: Cookies): ChatVisitor | null =>
  verifyVisitor(statusLinkSecret(r.config), cookies.get(cookieName));

/**
 * Signs the visitor (with the status links' secret, under its own purpose) into the cookie, which
 * an https Relais lets travel to widgets on other domains.
 */
export function keepVisitor(r: Relais, cookies: Cookies, url: URL, visitor: ChatVisitor): void {
  const value = signVisitor(statusLinkSecret(r.config), visitor);
  cookies.set(cookieName, value, {
    ...cookieOptions(r, url, cookieSeconds),
    ...visitorCookieSite(r.config.RELAIS_PUBLIC_URL),
    path: '/api/chat',
  });
}

/** A request without a genuine visitor cookie gets nothing. */
export const noVisitor = () =>
  json({ code: 'no-visitor', message: 'Start a chat first' }, { status: 401 });
