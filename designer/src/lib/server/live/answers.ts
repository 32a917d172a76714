import { json } from '@sveltejs/kit';
import type { RouterRefusalCode } from '$worker/routing/routerClient';
import type { SessionUser } from '$lib/user';

/** The session's user, or the 401 the live endpoints answer without one. */
export function signedIn(locals: App.Locals): SessionUser | Response {
  return (
    locals.user ?? json({ code: 'unauthenticated', message: 'Sign in first' }, { status: 401 })
  );
}

const refusalStatus: Record<RouterRefusalCode, number> = {
  'offer-expired': 409,
  'offer-unknown': 404,
  'offer-not-yours': 403,
  'agent-unknown': 403,
  'invalid-request': 400,
  'router-unavailable': 503,
};

/** The router's answer as JSON: 200 when done, else its refusal code with a fitting status. */
export function routerAnswer(
  result: { ok: true } | { ok: false; code: RouterRefusalCode; message?: string },
): Response {
  return json(result, { status: result.ok ? 200 : refusalStatus[result.code] });
}
