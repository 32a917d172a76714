import { z } from 'zod';
import { ChannelSchema, LangSchema, SegmentSchema, TierSchema } from '../model/channel';
import { type Facts, FactsSchema } from '../model/facts';
import { scoreText } from './sentiment';

export const FactsInputSchema = z.object({
  message: z.object({
    channel: ChannelSchema,
    previousChannel: ChannelSchema.nullable(),
    category: z.string().nullable(),
    subject: z.string(),
    text: z.string(),
    lang: LangSchema,
    receivedAt: z.string(),
    callbackRequested: z.boolean(),
  }),
  customer: z.object({
    tier: TierSchema,
    segment: SegmentSchema,
    lastCsat: z.number().nullable(),
  }),
  history: z.object({
    openCases: z.number(),
    contactsLast7Days: z.number(),
    channelSwitches: z.number(),
    minutesWaiting: z.number(),
    lastContactAt: z.string().nullable().optional(),
  }),
  withinBusinessHours: z.boolean(),
});
export type FactsInput = z.infer<typeof FactsInputSchema>;

/**
 * The facts the rules see for one contact. Pure: the worker gathers the history and the
 * business-hours flag, this scores the words and validates the result against FactsSchema.
 */
export function buildFacts(input: FactsInput): Facts {
  const { message, customer, history } = input;
  const { sentiment, angerScore } = scoreText(`${message.subject}\n${message.text}`, message.lang);
  return FactsSchema.parse({
    channel: message.channel,
    previousChannel: message.previousChannel,
    category: message.category,
    subject: message.subject,
    text: message.text,
    language: message.lang,
    customerTier: customer.tier,
    customerSegment: customer.segment,
    openCases: history.openCases,
    contactsLast7Days: history.contactsLast7Days,
    lastCsat: customer.lastCsat,
    sentiment,
    angerScore,
    withinBusinessHours: input.withinBusinessHours,
    channelSwitches: history.channelSwitches,
    minutesWaiting: history.minutesWaiting,
    callbackRequested: message.callbackRequested,
    receivedAt: message.receivedAt,
    lastContactAt: history.lastContactAt ?? null,
  });
}
