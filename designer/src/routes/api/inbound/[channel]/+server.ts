import { json } from '@sveltejs/kit';
import { handleInbound } from '$worker/inbound/handleInbound';
import { signatureHeader, timestampHeader } from '$worker/inbound/signature';
import { relais } from '$lib/server/relais';
import type { RequestHandler } from './$types';

/** Inbound messages from channel connectors, with an API token or as signed webhooks. */
export const POST: RequestHandler = async ({ params, request }) => {
  const { stores, client, config } = await relais();
  const outcome = await handleInbound(
    {
      stores,
      client,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
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
  return json(outcome.body, { status: outcome.status });
};
