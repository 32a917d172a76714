import { json } from '@sveltejs/kit';
import { deskFeed, openDeskStream } from '$lib/server/live/deskStream';
import { resumeAfter } from '$lib/server/live/sse';
import type { RequestHandler } from './$types';

/**
 * Every case change (a timeline entry's case, customer and type, nothing of its content) as
 * Server-Sent Events, for the desk's pages to refresh in place; signed-in users only.
 */
export const GET: RequestHandler = async ({ locals, request, url }) => {
  if (!locals.user)
    return json({ code: 'unauthenticated', message: 'Sign in first' }, { status: 401 });
  const after = resumeAfter(request.headers.get('last-event-id'), url.searchParams.get('after'));
  return openDeskStream(await deskFeed(), after);
};
