import { fail, redirect } from '@sveltejs/kit';
import { LangSchema } from '$rules/model/channel';
import { safeRedirectTarget } from '$lib/server/authRedirect';
import { relais } from '$lib/server/relais';
import { cookieOptions, langCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  /** Switches the UI language: kept on the user when signed in, in a cookie otherwise. */
  default: async ({ request, locals, cookies, url }) => {
    const form = await request.formData();
    const lang = LangSchema.safeParse(form.get('lang'));
    if (!lang.success) return fail(400, { error: 'lang' });
    const r = await relais();
    cookies.set(langCookie, lang.data, cookieOptions(r, url, 365 * 24 * 3600));
    if (locals.user) await r.stores.users.setLang(locals.user.id, lang.data);
    redirect(303, safeRedirectTarget(form.get('back')) ?? '/');
  },
};
