import { relais } from '$lib/server/relais';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  const { stores } = await relais();
  const queue = url.searchParams.get('queue') ?? '';
  const tasks = await stores.tasks.listOpen({ queue: queue || undefined });
  return { tasks, queue, now: new Date().toISOString() };
};
