import { json, type RequestEvent } from '@sveltejs/kit';
import { bearerToken, checkBearer } from '$worker/auth/bearer';
import type { ApiScope } from '$worker/store/apiTokens';
import { relais } from './relais';

/**
 * A refusal for an /api read that has neither a signed-in session nor an API token with `scope`;
 * null when the read may go on. A bearer token, when sent, decides alone.
 */
export async function refuseApiRead(
  event: Pick<RequestEvent, 'request' | 'locals'>,
  scope: ApiScope,
): Promise<Response | null> {
  const token = bearerToken(event.request.headers.get('authorization'));
  if (token) {
    const checked = await checkBearer((await relais()).stores.apiTokens, token, scope);
    if (!('status' in checked)) return null;
    const error = checked.status === 401 ? 'invalid_token' : 'insufficient_scope';
    return json(checked.body, {
      status: checked.status,
      headers: { 'www-authenticate': `Bearer error="${error}", scope="${scope}"` },
    });
  }
  if (event.locals.user) return null;
  return json(
    {
      code: 'unauthenticated',
      message: `sign in, or send Authorization: Bearer <token> with the scope ${scope}`,
    },
    { status: 401, headers: { 'www-authenticate': `Bearer scope="${scope}"` } },
  );
}
