import { json, type RequestEvent } from '@sveltejs/kit';
import { bearerToken, checkBearer } from '$worker/auth/bearer';
import type { ApiScope } from '$worker/store/apiTokens';
import type { SessionUser } from '$lib/user';
import { relais } from './relais';

/** Who made an /api call, as the access log and the erasure certificate name them. */
export interface ApiCaller {
  /** The user's id, or "token:<token id>" for an API token. */
  id: string;
  name: string;
}

/**
 * Who calls an /api endpoint that needs `scope`: the API token, which decides alone when sent,
 * else the signed-in user if `allowed` accepts them. Otherwise the refusal to answer with.
 */
export async function apiCaller(
  event: Pick<RequestEvent, 'request' | 'locals'>,
  scope: ApiScope,
  allowed: (user: SessionUser) => boolean = () => true,
): Promise<ApiCaller | Response> {
  const token = bearerToken(event.request.headers.get('authorization'));
  if (token) {
    const checked = await checkBearer((await relais()).stores.apiTokens, token, scope);
    if (!('status' in checked))
      return { id: `token:${checked.token.id}`, name: checked.token.name };
    const error = checked.status === 401 ? 'invalid_token' : 'insufficient_scope';
    return json(checked.body, {
      status: checked.status,
      headers: { 'www-authenticate': `Bearer error="${error}", scope="${scope}"` },
    });
  }
  const { user } = event.locals;
  if (!user)
    return json(
      {
        code: 'unauthenticated',
        message: `sign in, or send Authorization: Bearer <token> with the scope ${scope}`,
      },
      { status: 401, headers: { 'www-authenticate': `Bearer scope="${scope}"` } },
    );
  if (!allowed(user))
    return json(
      { code: 'forbidden', message: `your role may not do this; a token needs the scope ${scope}` },
      { status: 403 },
    );
  return { id: user.id, name: user.name };
}

/**
 * A refusal for an /api read that has neither a signed-in session nor an API token with `scope`;
 * null when the read may go on.
 */
export async function refuseApiRead(
  event: Pick<RequestEvent, 'request' | 'locals'>,
  scope: ApiScope,
): Promise<Response | null> {
  const caller = await apiCaller(event, scope);
  return caller instanceof Response ? caller : null;
}

/** Managers, and tokens with the scope: a customer's export and erasure. */
export const managerOrToken = (event: Pick<RequestEvent, 'request' | 'locals'>, scope: ApiScope) =>
  apiCaller(event, scope, (user) => user.role === 'manager');
