import { z } from 'zod';
import { ChannelSchema, LangSchema, SegmentSchema, TierSchema } from './channel';

/** What the rules may look at for one contact; computed by the worker, kept with each decision. */
export const FactsSchema = z.object({
  channel: ChannelSchema,
  previousChannel: ChannelSchema.nullable(),
  category: z.string().nullable(),
  subject: z.string(),
  text: z.string(),
  language: LangSchema,
  customerTier: TierSchema,
  customerSegment: SegmentSchema,
  openCases: z.number().int().min(0),
  contactsLast7Days: z.number().int().min(0),
  lastCsat: z.number().min(0).max(10).nullable(),
  /** -1 (very negative) … 1 (very positive). */
  sentiment: z.number().min(-1).max(1),
  /** 0 (calm) … 1 (angry, dispute, legal threat). */
  angerScore: z.number().min(0).max(1),
  withinBusinessHours: z.boolean(),
  channelSwitches: z.number().int().min(0),
  minutesWaiting: z.number().min(0),
  callbackRequested: z.boolean(),
  /** ISO time the message was received. */
  receivedAt: z.string(),
  /** ISO time of the customer's previous contact, on any channel; null or absent when none. */
  lastContactAt: z.string().nullable().optional(),
});
export type Facts = z.infer<typeof FactsSchema>;
