import type { Channel } from '../../rules/model/channel';
import type { InboundMessage } from '../../workflows/contracts/messages';
import type { ApiRefusal } from '../auth/apiError';
import { recordInboundConsent } from '../privacy/consentInbound';
import { receiveConsentKeyword, type ConsentKeywordResult } from '../privacy/consentKeyword';
import { defaultNewCustomer } from '../store/customers';
import { defaultMaxInFlight, overloadedOutcome, type OverloadedOutcome } from './admission';
import { unreachableIn, unavailableOutcome, type UnavailableOutcome } from './availability';
import { inboundDoor } from './door';
import type { InboundDeps, InboundResult } from './receive';
import { parseCallbackRequest } from './callbackRequest';
import { receiveInbound } from './receive';
import { inboundRequestSchema, isInboundChannel, type InboundRequest } from './schemas';
import { checkInboundAccess, type InboundAuth, type InboundCredentials } from './inboundAccess';

export type InboundOutcome =
  | { status: 202; body: InboundResult }
  /** "STOP" or "START" by SMS: recorded there and then, with no case to process. */
  | { status: 200; body: ConsentKeywordResult }
  | ApiRefusal
  | UnavailableOutcome
  | OverloadedOutcome
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

type HandleDeps = InboundDeps & { auth: InboundAuth; phoneCountry?: string; maxInFlight?: number };

/**
 * One inbound webhook call: who sends it (token or signature), channel, body. Nothing is written
 * unless there is room (else a 429 at once), all of them are valid, and MongoDB and Temporal both
 * answer: a down server gets a 503 within a second, checked first since tokens live in MongoDB.
 */
export async function handleInbound(
  deps: HandleDeps,
  channelParam: string,
  rawBody: string,
  credentials: InboundCredentials,
): Promise<InboundOutcome> {
  const door = inboundDoor(
    { db: deps.stores.customers.col.db, client: deps.client },
    deps.maxInFlight ?? defaultMaxInFlight,
  );
  const outcome = await door.inFlight.run(async () => {
    const down = await door.availability.down();
    if (down.length > 0) return unavailableOutcome(down);
    try {
      return await admitted(deps, channelParam, rawBody, credentials);
    } catch (err) {
      // A server that went down after the check: still a 503, so that the caller retries.
      const down = unreachableIn(err);
      if (!down) throw err;
      door.availability.distrust();
      return unavailableOutcome([down]);
    }
  });
  return outcome ?? overloadedOutcome(door.inFlight.max);
}

async function admitted(
  deps: HandleDeps,
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
  const parsed = inboundRequestSchema(channelParam, deps.phoneCountry).safeParse(json);
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
  const timezone = c.timezone ?? defaultNewCustomer.timezone;
  const message = toInboundMessage(channelParam, r, new Date(), timezone);
  const identity = { email: c.email, phone: c.phone, handle: c.handle, address: c.address };
  const newCustomer = {
    name: c.name ?? null,
    tier: c.tier ?? defaultNewCustomer.tier,
    segment: c.segment ?? defaultNewCustomer.segment,
    lang: r.lang,
    timezone,
    smsOptIn: c.smsOptIn ?? defaultNewCustomer.smsOptIn,
  };
  const keyword = await receiveConsentKeyword(
    deps.stores.customers,
    identity,
    newCustomer,
    message,
  );
  if (keyword) return { status: 200, body: keyword };
  const result = await receiveInbound(deps, identity, newCustomer, message, {
    known: { tier: c.tier, segment: c.segment, smsOptIn: c.smsOptIn, name: c.name },
  });
  await recordInboundConsent(deps.stores.customers.col.db, result.customerId, message, {
    smsOptIn: c.smsOptIn,
    wording: c.smsOptInWording,
  });
  return { status: 202, body: result };
}
