import type { Handle, RequestEvent } from '@sveltejs/kit';
import { LangSchema, type Lang } from '$rules/model/channel';
import { loginPath, needsLogin, rolesFor } from '$lib/server/auth';
import { relais } from '$lib/server/relais';
import {
  langCookie,
  sessionCookie,
  sessionSecret,
  verifySession,
  type SessionUser,
} from '$lib/server/session';

async function sessionUser(event: RequestEvent): Promise<SessionUser | null> {
  const cookie = event.cookies.get(sessionCookie);
  if (!cookie) return null;
  const { stores } = await relais();
  const userId = verifySession(await sessionSecret(stores.users.col.db), cookie);
  const user = userId ? await stores.users.get(userId) : null;
  return user ? { id: user._id, name: user.name, role: user.role, lang: user.lang } : null;
}

function browserLang(event: RequestEvent): Lang {
  const chosen = LangSchema.safeParse(event.cookies.get(langCookie));
  if (chosen.success) return chosen.data;
  const first = event.request.headers.get('accept-language')?.slice(0, 2).toLowerCase();
  return first === 'en' ? 'en' : 'fr';
}

/**
 * Resolves the session into event.locals, then keeps signed-out visitors out of the (app) pages
 * and non-managers from changing anything in the (manager) group. Page loads check roles again
 * so that a GET renders a proper 403 page. The /api endpoints stay open.
 */
export const handle: Handle = async ({ event, resolve }) => {
  const routeId = event.route.id;
  // The open /api endpoints never look at sessions.
  event.locals.user = routeId?.startsWith('/api/') ? null : await sessionUser(event);
  event.locals.lang = event.locals.user?.lang ?? browserLang(event);

  if (needsLogin(routeId) && !event.locals.user) {
    if (event.request.method === 'GET')
      return new Response(null, { status: 303, headers: { location: loginPath(event.url) } });
    return new Response('Sign in first', { status: 401 });
  }
  const roles = rolesFor(routeId);
  if (roles && event.request.method !== 'GET' && !roles.includes(event.locals.user!.role))
    return new Response('Access restricted', { status: 403 });

  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang),
  });
};
