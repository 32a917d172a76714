import { json } from '@sveltejs/kit';
import { overloadRetryAfterSeconds } from '$worker/inbound/admission';
import { retryAfterSeconds, unavailableOutcome } from '$worker/inbound/availability';
import { handleInbound } from '$worker/inbound/handleInbound';
import { signatureHeader, timestampHeader } from '$worker/inbound/signature';
import { relais } from '$lib/server/relais';
import type { RequestHandler } from './$types';

/** Inbound messages from channel connectors, with an API token or as signed webhooks. */
export const POST: RequestHandler = async ({ params, request }) => {
  // The first connection waits for the clients' own timeouts (~10 s), not the check's budget:
  // setting up a fresh database can take longer than a second.
  const connected = await relais().catch((err: unknown) => {
    console.error(`[inbound] cannot connect: ${(err as Error).message}`);
    return null;
  });
  if (!connected) return answer(unavailableOutcome(['mongodb', 'temporal']));
  const { stores, client, config } = connected;
  const outcome = await handleInbound(
    {
      stores,
      client,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      phoneCountry: config.RELAIS_PHONE_COUNTRY,
      maxInFlight: config.RELAIS_INBOUND_MAX_IN_FLIGHT,
      auth: {
        secret: config.RELAIS_INBOUND_SECRET,
        open: config.RELAIS_INBOUND_OPEN,
        tokens: stores.apiTokens,
      },
    },
    params.channel,
    await request.text(),
    {
      authorization: request.headers.get('authorization'),
      signature: request.headers.get(signatureHeader),
      timestamp: request.headers.get(timestampHeader),
    },
  );
  return answer(outcome);
};

/** A 503 or a 429 says when to retry. */
const retryAfter: Partial<Record<number, number>> = {
  503: retryAfterSeconds,
  429: overloadRetryAfterSeconds,
};

const answer = (outcome: { status: number; body: unknown }) => {
  const seconds = retryAfter[outcome.status];
  return json(outcome.body, {
    status: outcome.status,
    headers: seconds === undefined ? {} : { 'retry-after': String(seconds) },
  });
};
