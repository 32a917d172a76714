import { json } from '@sveltejs/kit';
import { handleReceipt } from '$worker/channels/deliveryReceipts';
import { signatureHeader, timestampHeader } from '$worker/inbound/signature';
import { relais } from '$lib/server/relais';
import type { RequestHandler } from './$types';

/** Delivery receipts from provider bridges (README "Outbound bridge"), signed per channel. */
export const POST: RequestHandler = async ({ request }) => {
  const { stores, config } = await relais();
  const outcome = await handleReceipt(
    { bridges: config.RELAIS_BRIDGES, outbox: stores.outbox },
    await request.text(),
    {
      signature: request.headers.get(signatureHeader),
      timestamp: request.headers.get(timestampHeader),
    },
  );
  return json(outcome.body, { status: outcome.status });
};
