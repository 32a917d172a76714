import type { Channel } from '../../rules/model/channel';
import { verifySignature } from '../inbound/signature';
import type { OutboxStore } from '../store/outbox';
import { type Bridges, DeliveryReceiptSchema } from './bridgeContract';

export type ReceiptOutcome =
  | { status: 200; body: { id: string; status: string } }
  | { status: 400 | 401 | 404; body: { error: string } };

/**
 * A delivery receipt posted by a bridge (POST /api/outbox/receipts). It must be signed with the
 * secret of the message's channel and be recent (the signature's replay window); only then is it
 * read, and it settles the message's outbox status. A refused receipt writes nothing.
 */
export async function handleReceipt(
  deps: { bridges: Bridges; outbox: OutboxStore },
  rawBody: string,
  headers: { signature: string | null; timestamp: string | null },
  now = Date.now(),
): Promise<ReceiptOutcome> {
  // Which bridges signed it: a receipt about another channel's message is not theirs to give.
  const signers = new Set(
    Object.entries(deps.bridges)
      .filter(([, bridge]) => verifySignature(bridge.secret, rawBody, headers, now) === 'valid')
      .map(([channel]) => channel as Channel),
  );
  if (signers.size === 0) return { status: 401, body: { error: 'invalid or expired signature' } };
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { status: 400, body: { error: 'the body is not JSON' } };
  }
  const parsed = DeliveryReceiptSchema.safeParse(json);
  if (!parsed.success) return { status: 400, body: { error: parsed.error.message } };
  const receipt = parsed.data;
  const message = await deps.outbox.get(receipt.id);
  if (!message) return { status: 404, body: { error: `no message ${receipt.id}` } };
  if (!signers.has(message.channel))
    return { status: 401, body: { error: `not signed by the ${message.channel} bridge` } };
  const settled = await deps.outbox.applyReceipt(receipt.id, receipt);
  return { status: 200, body: { id: receipt.id, status: settled?.status ?? receipt.status } };
}
