import type { ApiScope, ApiToken, ApiTokenStore } from '../store/apiTokens';
import type { ApiRefusal } from './apiError';

/** The token of an "Authorization: Bearer <token>" header; null without one. */
export function bearerToken(authorization: string | null): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
  return match?.[1] ?? null;
}

/**
 * A bearer token that may do `scope`: unknown or revoked → 401, live but without the scope → 403
 * (RFC 6750's invalid_token and insufficient_scope).
 */
export async function checkBearer(
  tokens: ApiTokenStore,
  token: string,
  scope: ApiScope,
): Promise<{ token: ApiToken } | ApiRefusal> {
  const found = await tokens.find(token);
  if (!found)
    return {
      status: 401,
      body: { code: 'invalid_token', message: 'the API token is unknown or revoked' },
    };
  if (!found.scopes.includes(scope))
    return {
      status: 403,
      body: { code: 'insufficient_scope', message: `the API token lacks the scope ${scope}` },
    };
  return { token: found };
}
