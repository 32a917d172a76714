import { json } from '@sveltejs/kit';
import { handleInbound } from '$worker/inbound/handleInbound';
import { signatureHeader } from '$worker/inbound/signature';
import { relais } from '$lib/server/relais';
import type { RequestHandler } from './$types';

/** Inbound messages from channel connectors (and the designer's own forms), as signed webhooks. */
export const POST: RequestHandler = async ({ params, request }) => {
  const { stores, client, config } = await relais();
  const outcome = await handleInbound(
    {
      stores,
      client,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      secret: config.RELAIS_INBOUND_SECRET,
    },
    params.channel,
    await request.text(),
    request.headers.get(signatureHeader),
  );
  return json(outcome.body, { status: outcome.status });
};
