import { fail, redirect } from '@sveltejs/kit';
import { LangSchema } from '$rules/model/channel';
import { relais } from '$lib/server/relais';
import { langCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  /** Switches the UI language: kept on the user when signed in, in a cookie otherwise. */
  default: async ({ request, locals, cookies, url }) => {
    const form = await request.formData();
    const lang = LangSchema.safeParse(form.get('lang'));
    if (!lang.success) return fail(400, { error: 'lang' });
    cookies.set(langCookie, lang.data, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: url.protocol === 'https:',
      maxAge: 365 * 24 * 3600,
    });
    if (locals.user) {
      const { stores } = await relais();
      await stores.users.col.updateOne({ _id: locals.user.id }, { $set: { lang: lang.data } });
    }
    const back = form.get('back');
    redirect(
      303,
      typeof back === 'string' && back.startsWith('/') && !back.startsWith('//') ? back : '/',
    );
  },
};
