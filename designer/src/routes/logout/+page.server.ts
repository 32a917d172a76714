import { redirect } from '@sveltejs/kit';
import { relais } from '$lib/server/relais';
import { endSession } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/login');

export const actions: Actions = {
  default: async ({ cookies, url }) => {
    await endSession(await relais(), cookies, url);
    redirect(303, '/login');
  },
};
