import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { relais } from '$lib/server/relais';
import { sessionCookie, sessionSecret, sessionSeconds, signSession } from '$lib/server/session';
import { canEditRules } from '$lib/user';
import type { Actions, PageServerLoad } from './$types';

const LoginSchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

/** Only same-site paths, so the login form cannot be used to bounce users elsewhere. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user) redirect(303, safeNext(url.searchParams.get('next')) ?? '/');
};

export const actions: Actions = {
  default: async ({ request, cookies, url }) => {
    const form = Object.fromEntries(await request.formData());
    const parsed = LoginSchema.safeParse(form);
    const username = typeof form.username === 'string' ? form.username : '';
    if (!parsed.success) return fail(400, { username, error: 'missing' as const });
    const { stores } = await relais();
    const user = await stores.users.verify(parsed.data.username, parsed.data.password);
    if (!user) return fail(400, { username, error: 'invalid' as const });
    const key = await sessionSecret(stores.users.col.db);
    cookies.set(sessionCookie, signSession(key, user._id), {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: url.protocol === 'https:',
      maxAge: sessionSeconds,
    });
    const home = canEditRules({ id: user._id, name: user.name, role: user.role, lang: user.lang })
      ? '/rules'
      : '/tasks';
    redirect(303, safeNext(url.searchParams.get('next')) ?? home);
  },
};
