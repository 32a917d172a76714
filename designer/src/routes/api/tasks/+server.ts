import { json } from '@sveltejs/kit';
import { refuseApiRead } from '$lib/server/apiAuth';
import { relais } from '$lib/server/relais';
import type { RequestHandler } from './$types';

/** Open tasks, for a signed-in user or a token with tasks:read. */
export const GET: RequestHandler = async (event) => {
  const refused = await refuseApiRead(event, 'tasks:read');
  if (refused) return refused;
  const { url } = event;
  const { stores } = await relais();
  const queue = url.searchParams.get('queue') || undefined;
  return json({ tasks: await stores.tasks.listOpen({ queue }) });
};
