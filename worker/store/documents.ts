import { z } from 'zod';
import { LangSchema, SegmentSchema, TierSchema } from '../../rules/model/channel';
import { CaseDecisionSchema, DecideInputSchema } from '../../workflows/contracts/activities';
import { OutboundMessageSchema } from '../../workflows/contracts/activities';
import { FactsSchema } from '../../rules/model/facts';

/** MongoDB documents; each collection's zod schema is the only definition of its shape. */
export const CustomerDocSchema = z.object({
  _id: z.string(),
  /** Null until a contact gives it: many channels know only an address or a number. */
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  handle: z.string().nullable(),
  /** Postal address, for customers who write letters. */
  address: z.string().nullable().optional(),
  tier: TierSchema,
  segment: SegmentSchema,
  lang: LangSchema,
  timezone: z.string(),
  smsOptIn: z.boolean(),
  lastCsat: z.number().nullable(),
  createdAt: z.date(),
});
export type CustomerDoc = z.infer<typeof CustomerDocSchema>;

export const OutboxDocSchema = OutboundMessageSchema.omit({ key: true }).extend({
  _id: z.string(),
  /** delivered / failed: what the provider's bridge reported (README "Outbound bridge"). */
  status: z.enum(['pending', 'sent', 'delivered', 'failed']),
  sentAt: z.date().nullable(),
  /** When the bridge's delivery receipt came, and its reason for a failure. */
  receiptAt: z.date().optional(),
  deliveryReason: z.string().optional(),
  /** Sends begun, and those that failed for sure; absent on messages recorded before them. */
  attempts: z.number().int().optional(),
  failedAttempts: z.number().int().optional(),
  /** An attempt may have delivered it before a crash, so the customer may have it twice. */
  possibleDuplicate: z.boolean().optional(),
});
export type OutboxDoc = z.infer<typeof OutboxDocSchema>;

export const DecisionDocSchema = z.object({
  _id: z.string(),
  caseId: z.string(),
  customerId: z.string(),
  reason: DecideInputSchema.shape.reason,
  facts: FactsSchema,
  result: CaseDecisionSchema,
  decidedAt: z.date(),
});
export type DecisionDoc = z.infer<typeof DecisionDocSchema>;
