import type { Handle } from '@sveltejs/kit';
import { relais } from './relais';

const allowHeaders = {
  'access-control-allow-credentials': 'true',
  'access-control-allow-methods': 'GET, POST',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '600',
};

/**
 * The chat API for widgets on other sites' pages: a request from an origin some chat site allows
 * gets CORS with credentials (the visitor cookie), a preflight included; any other origin gets
 * no CORS header, so its page cannot read the answers. Same-origin requests pass untouched.
 */
export const chatCors: Handle = async ({ event, resolve }) => {
  const origin = event.request.headers.get('origin');
  if (!event.url.pathname.startsWith('/api/chat/') || !origin || origin === event.url.origin)
    return resolve(event);
  const allowed = (await (await relais()).stores.chatSites.allowedOrigins()).has(origin);
  const cors = { 'access-control-allow-origin': origin, vary: 'Origin', ...allowHeaders };
  if (event.request.method === 'OPTIONS')
    return new Response(null, allowed ? { status: 204, headers: cors } : { status: 403 });
  const response = await resolve(event);
  if (allowed) for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
  return response;
};
