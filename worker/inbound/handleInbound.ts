import type { Channel } from '../../rules/model/channel';
import type { InboundMessage } from '../../workflows/contracts/messages';
import type { ApiRefusal } from '../auth/apiError';
import type { InboundDeps, InboundResult } from './receive';
import { parseCallbackRequest } from './callbackRequest';
import { receiveInbound } from './receive';
import { inboundRequestSchema, isInboundChannel, type InboundRequest } from './schemas';
import { checkInboundAccess, type InboundAuth, type InboundCredentials } from './inboundAccess';

export type InboundOutcome =
  | { status: 202; body: InboundResult }
  | ApiRefusal
  | {
      status: 400 | 404;
      body: { error: string; issues?: { path: string; message: string }[] };
    };

/** The message as the workflows take it, from a validated request. */
export function toInboundMessage(
  channel: Channel,
  r: InboundRequest,
  receivedAt: Date,
  timezone: string,
): InboundMessage {
  const callback = parseCallbackRequest(r.callbackRequested, receivedAt, timezone);
  return {
    messageId: r.messageId,
    channel,
    receivedAt: receivedAt.toISOString(),
    lang: r.lang,
    subject: r.subject || null,
    text: r.text,
    caseRef: r.caseRef ?? r.thread ?? null,
    category: r.category ?? r.formCategory ?? r.ivrChoice ?? null,
    callbackRequested: callback.requested,
    callbackAt: callback.at,
    surveyScore: r.surveyScore ?? null,
  };
}

/**
 * One inbound webhook call: who sends it (token or signature), channel, body. Nothing is written
 * unless all of them are valid.
 */
export async function handleInbound(
  deps: InboundDeps & { auth: InboundAuth },
  channelParam: string,
  rawBody: string,
  credentials: InboundCredentials,
): Promise<InboundOutcome> {
  const refused = await checkInboundAccess(deps.auth, rawBody, credentials);
  if (refused) return refused;
  if (!isInboundChannel(channelParam))
    return { status: 404, body: { error: `unknown inbound channel "${channelParam}"` } };
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { status: 400, body: { error: 'the body is not valid JSON' } };
  }
  const parsed = inboundRequestSchema(channelParam).safeParse(json);
  if (!parsed.success)
    return {
      status: 400,
      body: {
        error: 'invalid request',
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      },
    };
  const r = parsed.data;
  const c = r.customer;
  const result = await receiveInbound(
    deps,
    { email: c.email, phone: c.phone, handle: c.handle, address: c.address },
    {
      name: c.name,
      tier: c.tier ?? 'standard',
      segment: c.segment ?? 'B2C',
      lang: r.lang,
      timezone: c.timezone ?? 'Europe/Paris',
      smsOptIn: c.smsOptIn ?? false,
    },
    toInboundMessage(channelParam, r, new Date(), c.timezone ?? 'Europe/Paris'),
    { known: { tier: c.tier, segment: c.segment, smsOptIn: c.smsOptIn } },
  );
  return { status: 202, body: result };
}
