import { z } from 'zod';
import {
  ChannelSchema,
  LangSchema,
  SegmentSchema,
  TierSchema,
  type Channel,
} from '../../rules/model/channel';

const text = (max: number) => z.string().trim().min(1).max(max);

/** Who wrote, as a channel knows them; at least one way to recognise them again. */
export const InboundCustomerSchema = z
  .object({
    email: z.email().optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ().-]{6,20}$/, 'expected a phone number such as +33612345678')
      .optional(),
    handle: text(200).optional(),
    address: text(500).optional(),
    name: text(200),
    tier: TierSchema.optional(),
    segment: SegmentSchema.optional(),
    smsOptIn: z.boolean().optional(),
    timezone: text(64).optional(),
  })
  .refine((c) => c.email || c.phone || c.handle || c.address, {
    message: 'give an email, a phone number, a handle or a postal address',
  });

/**
 * POST /api/inbound/:channel: one inbound message, as channel connectors and the sample corpus
 * send it. Fields a channel does not use are optional; unknown fields are ignored.
 */
export const InboundRequestSchema = z.object({
  messageId: text(200),
  customer: InboundCustomerSchema,
  lang: LangSchema.default('fr'),
  subject: z.string().trim().max(300).nullish(),
  text: text(20_000),
  /** Explicit case reference: email thread, "[#ref]" quoted from our acknowledgement, chat session. */
  thread: text(200).optional(),
  caseRef: text(200).optional(),
  /** The category the customer picked (form), or the IVR choice or keyword (phone). */
  category: text(100).optional(),
  formCategory: text(100).optional(),
  ivrChoice: text(100).optional(),
  /** true / "asap", a time such as "after 18:00", or an ISO date-time. */
  callbackRequested: z.union([z.boolean(), text(100)]).optional(),
  surveyScore: z.number().int().min(0).max(10).optional(),
});
export type InboundRequest = z.infer<typeof InboundRequestSchema>;

/** What each channel must carry beyond the common fields. */
const channelRules: Partial<Record<Channel, (r: InboundRequest, ctx: z.RefinementCtx) => void>> = {
  webform: (r, ctx) => {
    if (!r.customer.email)
      ctx.addIssue({
        code: 'custom',
        path: ['customer', 'email'],
        message: 'a web form needs the email',
      });
    if (!r.subject)
      ctx.addIssue({ code: 'custom', path: ['subject'], message: 'a web form needs a subject' });
    if (!r.category && !r.formCategory)
      ctx.addIssue({
        code: 'custom',
        path: ['category'],
        message: 'a web form needs its category',
      });
  },
  email: (r, ctx) => {
    if (!r.customer.email)
      ctx.addIssue({
        code: 'custom',
        path: ['customer', 'email'],
        message: 'an email needs its sender',
      });
  },
  sms: (r, ctx) => {
    if (!r.customer.phone)
      ctx.addIssue({
        code: 'custom',
        path: ['customer', 'phone'],
        message: 'an SMS needs the phone number',
      });
  },
};

/** The request schema for one channel; unknown channels are refused before this. */
export function inboundRequestSchema(channel: Channel) {
  const rule = channelRules[channel];
  return rule ? InboundRequestSchema.superRefine(rule) : InboundRequestSchema;
}

export const isInboundChannel = (value: string): value is Channel =>
  ChannelSchema.safeParse(value).success;
