import { z } from 'zod';
import { ChannelSchema, LangSchema } from '../../rules/model/channel';
import { OutboundMessageSchema } from '../../workflows/contracts/activities';

/**
 * The outbound bridge's contract (README "Outbound bridge"): what Relais POSTs to a provider
 * bridge for one message, and the delivery receipt the bridge posts back. Both are signed like
 * the inbound webhooks (worker/inbound/signature.ts) with the channel's secret.
 */

/** Per channel: where its messages are POSTed and the secret both directions are signed with. */
export const BridgeSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  secret: z.string().min(16),
});
export type Bridge = z.infer<typeof BridgeSchema>;

/** RELAIS_BRIDGES: a JSON object from channel name to its bridge. */
export const BridgesSchema = z.partialRecord(ChannelSchema, BridgeSchema);
export type Bridges = z.infer<typeof BridgesSchema>;

/** The header a bridge de-duplicates on: a retry carries the same value. */
export const idempotencyKeyHeader = 'idempotency-key';

/** The JSON body of one message; `id` is the outbox id, also sent as the Idempotency-Key. */
export const BridgeMessageSchema = z.object({
  id: z.string().min(1),
  caseId: z.string(),
  customerId: z.string(),
  channel: ChannelSchema,
  kind: OutboundMessageSchema.shape.kind,
  /** The customer's address on the channel (phone number, handle), null when unknown. */
  to: z.string().nullable(),
  lang: LangSchema,
  text: z.string().min(1),
});
export type BridgeMessage = z.infer<typeof BridgeMessageSchema>;

/** What a bridge reports about one message, once its provider knows. */
export const DeliveryReceiptSchema = z.object({
  id: z.string().min(1).max(500),
  status: z.enum(['delivered', 'failed']),
  /** The provider's reason for a failure ("number unreachable"), shown to agents. */
  reason: z.string().max(500).optional(),
});
export type DeliveryReceipt = z.infer<typeof DeliveryReceiptSchema>;
