import { IANAZone } from 'luxon';
import { z } from 'zod';
import {
  ChannelSchema,
  LangSchema,
  SegmentSchema,
  TierSchema,
  type Channel,
} from '../../rules/model/channel';
import { defaultPhoneCountry, isPhoneCountry, toE164 } from '../store/phone';

const text = (max: number) => z.string().trim().min(1).max(max);

const EmailSchema = z
  .email()
  .max(254)
  // RFC 5321: longer local parts are refused by mail servers, so we could never answer.
  .refine((e) => e.slice(0, e.lastIndexOf('@')).length <= 64, {
    message: 'the part before @ is at most 64 characters',
  });

/** Who wrote, as a channel knows them; at least one way to recognise them again. */
function inboundCustomerSchema(defaultCountry: string) {
  return z
    .object({
      email: EmailSchema.optional(),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[0-9 ().-]{6,20}$/, 'expected a phone number such as +33612345678')
        .optional(),
      /** ISO 3166 country of a phone number written without its country code. */
      country: z
        .string()
        .trim()
        .toUpperCase()
        .refine(isPhoneCountry, 'expected a country code such as FR or GB')
        .optional(),
      handle: text(200).optional(),
      address: text(500).optional(),
      /** Optional: many channels know only an address or a number; blank means unknown. */
      name: z
        .string()
        .trim()
        .max(200)
        .nullish()
        .transform((v) => v || undefined),
      tier: TierSchema.optional(),
      segment: SegmentSchema.optional(),
      smsOptIn: z.boolean().optional(),
      /** The words of the opt-in checkbox the customer ticked, kept as proof of consent. */
      smsOptInWording: text(1000).optional(),
      timezone: text(64)
        .refine((tz) => IANAZone.isValidZone(tz), 'expected a time zone such as Europe/Paris')
        .optional(),
    })
    .refine((c) => c.email || c.phone || c.handle || c.address, {
      message: 'give an email, a phone number, a handle or a postal address',
    })
    .transform((c, ctx) => {
      if (!c.phone) return c;
      const country = c.country ?? defaultCountry;
      const phone = isPhoneCountry(country) ? toE164(c.phone, country) : null;
      if (phone) return { ...c, phone };
      ctx.addIssue({
        code: 'custom',
        path: ['phone'],
        message: `not a phone number in ${country}: expected e.g. +33612345678`,
      });
      return z.NEVER;
    });
}

function requestSchema(defaultCountry: string) {
  return z.object({
    messageId: text(200),
    customer: inboundCustomerSchema(defaultCountry),
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
}

/**
 * POST /api/inbound/:channel: one inbound message, as channel connectors and the sample corpus
 * send it. Fields a channel does not use are optional; unknown fields are ignored. Phone numbers
 * come out in E.164.
 */
export type InboundRequest = z.infer<ReturnType<typeof requestSchema>>;

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

/**
 * The request schema for one channel; unknown channels are refused before this. A phone number
 * without its country code is read as one of `defaultCountry` unless the customer gives theirs.
 */
export function buildInboundRequestSchema(channel: Channel, defaultCountry: string) {
  const schema = requestSchema(defaultCountry);
  const rule = channelRules[channel];
  return rule ? schema.superRefine(rule) : schema;
}

const built = new Map<string, ReturnType<typeof buildInboundRequestSchema>>();

/**
 * `buildInboundRequestSchema`, built once per channel and country: zod compiles an object schema
 * on its first parse, and building one per request made that ~10 % of the inbound path's CPU
 * (`bench:intake --cpu-prof`; `tests/bench/inboundParse.bench.ts` times both).
 */
export function inboundRequestSchema(
  channel: Channel,
  defaultCountry: string = defaultPhoneCountry,
) {
  const key = `${channel} ${defaultCountry}`;
  let schema = built.get(key);
  if (!schema) {
    schema = buildInboundRequestSchema(channel, defaultCountry);
    built.set(key, schema);
  }
  return schema;
}

export const isInboundChannel = (value: string): value is Channel =>
  ChannelSchema.safeParse(value).success;
