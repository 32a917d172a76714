import { handleInbound, type InboundOutcome } from '$worker/inbound/handleInbound';
import type { Channel } from '$rules/model/channel';
import type { Relais } from '$lib/server/relais';

const noCredentials = { authorization: null, signature: null, timestamp: null };

/**
 * A message the customers' pages built from what they validated, through the webhook's own path
 * (identity, threading, rules, promise, admission). The pages are the caller here, so the call
 * itself needs no token: they check the customer (link, form or chat cookie) first.
 */
export function postFromPortal(
  r: Relais,
  channel: Extract<Channel, 'webform' | 'portal' | 'chat' | 'email'>,
  body: Record<string, unknown>,
): Promise<InboundOutcome> {
  const { stores, client, config } = r;
  return handleInbound(
    {
      stores,
      client,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      phoneCountry: config.RELAIS_PHONE_COUNTRY,
      maxInFlight: config.RELAIS_INBOUND_MAX_IN_FLIGHT,
      auth: { open: true, tokens: stores.apiTokens },
    },
    channel,
    JSON.stringify(body),
    noCredentials,
  );
}
