import type { ApiRefusal } from '../auth/apiError';
import { bearerToken, checkBearer } from '../auth/bearer';
import type { ApiTokenStore } from '../store/apiTokens';
import { verifySignature } from './signature';

export interface InboundAuth {
  /** RELAIS_INBOUND_SECRET: signed calls are accepted. */
  secret?: string;
  /** RELAIS_INBOUND_OPEN: anyone may post, for a closed network only. */
  open: boolean;
  tokens: ApiTokenStore;
}

export interface InboundCredentials {
  authorization: string | null;
  signature: string | null;
  timestamp: string | null;
}

const signatureRefusals = {
  missing: 'x-relais-signature and x-relais-timestamp are both required',
  malformed: 'x-relais-signature must be sha256=<64 hex digits>, x-relais-timestamp unix seconds',
  expired: 'x-relais-timestamp is more than 5 minutes away from our clock',
  mismatch: 'x-relais-signature does not match the timestamp and body',
} as const;

/**
 * Who may post a message: a call signed with the shared secret, or one with an API token that has
 * inbound:write; anyone only in open mode. Null when the call may go on.
 */
export async function checkInboundAccess(
  auth: InboundAuth,
  rawBody: string,
  credentials: InboundCredentials,
  now = Date.now(),
): Promise<ApiRefusal | null> {
  if (auth.open) return null;
  const token = bearerToken(credentials.authorization);
  if (token) {
    const checked = await checkBearer(auth.tokens, token, 'inbound:write');
    return 'status' in checked ? checked : null;
  }
  if (auth.secret && (credentials.signature || credentials.timestamp)) {
    const check = verifySignature(auth.secret, rawBody, credentials, now);
    if (check === 'valid') return null;
    return { status: 401, body: { code: `signature_${check}`, message: signatureRefusals[check] } };
  }
  return {
    status: 401,
    body: {
      code: 'unauthenticated',
      message: auth.secret
        ? 'sign the call (x-relais-signature, x-relais-timestamp) or send Authorization: Bearer <token>'
        : 'send Authorization: Bearer <token> with an API token that has inbound:write',
    },
  };
}
