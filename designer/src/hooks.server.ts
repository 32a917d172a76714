import { json, type Handle, type RequestEvent } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { LangSchema, type Lang } from '$rules/model/channel';
import { loginPath, needsLogin, rolesFor } from '$lib/server/auth';
import { chatCors } from '$lib/server/chatCors';
import { langCookie, sessionUser } from '$lib/server/session';

function browserLang(event: RequestEvent): Lang {
  const chosen = LangSchema.safeParse(event.cookies.get(langCookie));
  if (chosen.success) return chosen.data;
  const first = event.request.headers.get('accept-language')?.slice(0, 2).toLowerCase();
  return first === 'en' ? 'en' : 'fr';
}

/** On every response SvelteKit renders; the CSP itself comes from kit.csp (svelte.config.js). */
const securityHeaders = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/**
 * Resolves the session into event.locals, then keeps signed-out visitors out of the (app) pages
 * and other roles out of the (manager) group: a form post or a page's __data.json gets a 403
 * before any load runs. A page GET goes on, so that its load (which checks the role too) renders
 * a proper 403 page. The /api endpoints check their own session or token.
 */
const app: Handle = async ({ event, resolve }) => {
  const routeId = event.route.id;
  event.locals.user = await sessionUser(event.cookies);
  event.locals.lang = event.locals.user?.lang ?? browserLang(event);

  if (needsLogin(routeId) && !event.locals.user) {
    if (event.request.method === 'GET')
      return new Response(null, { status: 303, headers: { location: loginPath(event.url) } });
    return json({ code: 'unauthenticated', message: 'Sign in first' }, { status: 401 });
  }
  const roles = rolesFor(routeId);
  if (
    roles &&
    (event.request.method !== 'GET' || event.isDataRequest) &&
    !roles.includes(event.locals.user!.role)
  )
    return json({ code: 'forbidden', message: 'Access restricted' }, { status: 403 });

  const response = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang),
  });
  for (const [name, value] of Object.entries(securityHeaders)) response.headers.set(name, value);
  return response;
};

/** CORS first: a widget's preflight carries no session and must not reach the checks. */
export const handle = sequence(chatCors, app);
