import { redirect } from '@sveltejs/kit';
import { sessionCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/login');

export const actions: Actions = {
  default: ({ cookies }) => {
    cookies.delete(sessionCookie, { path: '/' });
    redirect(303, '/login');
  },
};
