import { json } from '@sveltejs/kit';
import { relais } from '$lib/server/relais';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
  const { stores } = await relais();
  const queue = url.searchParams.get('queue') || undefined;
  return json({ tasks: await stores.tasks.listOpen({ queue }) });
};
