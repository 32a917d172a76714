import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { safeRedirectTarget } from '$lib/server/authRedirect';
import { loginFailed, loginSucceeded, loginWait } from '$lib/server/loginThrottle';
import { relais } from '$lib/server/relais';
import { startSession } from '$lib/server/session';
import { canEditRules } from '$lib/user';
import type { Actions, PageServerLoad } from './$types';

const LoginSchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user) redirect(303, safeRedirectTarget(url.searchParams.get('next')) ?? '/');
};

/** Minutes to wait, rounded up, as the page words it. */
const throttled = (username: string, seconds: number) =>
  fail(429, { username, error: 'throttled' as const, minutes: Math.ceil(seconds / 60) });

export const actions: Actions = {
  default: async (event) => {
    const { request, cookies, url } = event;
    const form = Object.fromEntries(await request.formData());
    const parsed = LoginSchema.safeParse(form);
    const username = typeof form.username === 'string' ? form.username : '';
    if (!parsed.success) return fail(400, { username, error: 'missing' as const });
    const address = event.getClientAddress();
    const wait = await loginWait(parsed.data.username, address);
    if (wait > 0) return throttled(username, wait);
    const r = await relais();
    const user = await r.stores.users.verify(parsed.data.username, parsed.data.password);
    if (!user) {
      const now = await loginFailed(parsed.data.username, address);
      return now > 0
        ? throttled(username, now)
        : fail(400, { username, error: 'invalid' as const });
    }
    await loginSucceeded(parsed.data.username);
    await startSession(r, cookies, url, user._id);
    const home = canEditRules({ id: user._id, name: user.name, role: user.role, lang: user.lang })
      ? '/rules'
      : '/tasks';
    redirect(303, safeRedirectTarget(url.searchParams.get('next')) ?? home);
  },
};
