import type { Cookies } from '@sveltejs/kit';
import { sessionSeconds } from '$worker/store/sessions';
import type { SessionUser } from '$lib/user';
import { relais as connect, type Relais } from './relais';
export type { SessionUser } from '$lib/user';

export const sessionCookie = 'relais_session';
export const langCookie = 'relais_lang';

/**
 * HttpOnly and SameSite=Lax always; Secure with RELAIS_COOKIE_SECURE, or else when the designer
 * is served over https (adapter-node takes the protocol from ORIGIN).
 */
export function cookieOptions(relais: Relais, url: URL, maxAge: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: relais.config.RELAIS_COOKIE_SECURE ?? url.protocol === 'https:',
    maxAge,
  };
}

/** The user of the request's live session, if any; no database call without a cookie. */
export async function sessionUser(cookies: Cookies): Promise<SessionUser | null> {
  const id = cookies.get(sessionCookie);
  if (!id) return null;
  const { stores } = await connect();
  const userId = await stores.sessions.userId(id);
  const user = userId ? await stores.users.get(userId) : null;
  return user ? { id: user._id, name: user.name, role: user.role, lang: user.lang } : null;
}

/**
 * Signs the user in with a brand-new session id, ending the one the browser had: an id planted
 * before sign-in (session fixation) is worth nothing after it.
 */
export async function startSession(
  relais: Relais,
  cookies: Cookies,
  url: URL,
  userId: string,
): Promise<void> {
  await endSession(relais, cookies, url);
  const id = await relais.stores.sessions.create(userId);
  cookies.set(sessionCookie, id, cookieOptions(relais, url, sessionSeconds));
}

/** Ends the session server-side, so a copied cookie stops working too. */
export async function endSession(relais: Relais, cookies: Cookies, url: URL): Promise<void> {
  const id = cookies.get(sessionCookie);
  if (!id) return;
  await relais.stores.sessions.end(id);
  cookies.delete(sessionCookie, cookieOptions(relais, url, 0));
}
