import { redirect } from '@sveltejs/kit';
import { canEditRules } from '$lib/user';
import type { PageServerLoad } from './$types';

/** Managers land on their rules, everyone else on the task list (which asks them to sign in). */
export const load: PageServerLoad = ({ locals }) =>
  redirect(303, canEditRules(locals.user) ? '/rules' : '/tasks');
