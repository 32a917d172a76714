import { z } from 'zod';
import {
  ChannelSchema,
  LangSchema,
  SegmentSchema,
  TierSchema,
  type Channel,
  type Lang,
} from '$rules/model/channel';
import type { Facts } from '$rules/model/facts';
import type { FactsInput } from '$rules/facts/buildFacts';

const count = z.coerce.number().int().min(0);
const checkbox = z
  .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('false'), z.literal('')])
  .transform((v) => v === true || v === 'on' || v === 'true');

/** The contact the simulate panel sends: what a manager can type, as form fields. */
export const SimContactSchema = z.object({
  channel: ChannelSchema,
  previousChannel: z
    .union([ChannelSchema, z.literal('')])
    .transform((v) => v || null)
    .nullable(),
  category: z
    .string()
    .trim()
    .transform((v) => v || null)
    .nullable(),
  subject: z.string(),
  text: z.string(),
  language: LangSchema,
  customerTier: TierSchema,
  customerSegment: SegmentSchema,
  openCases: count,
  contactsLast7Days: count,
  lastCsat: z
    .union([z.literal(''), z.null(), z.coerce.number().min(0).max(10)])
    .transform((v) => (v === '' ? null : v)),
  channelSwitches: count,
  minutesWaiting: z.coerce.number().min(0),
  withinBusinessHours: checkbox.default(false),
  callbackRequested: checkbox.default(false),
});
export type ParsedSimContact = z.output<typeof SimContactSchema>;

/** The contact as the form holds it ('' and null stand for "none"). */
export interface SimContact {
  channel: Channel;
  previousChannel: Channel | '';
  category: string;
  subject: string;
  text: string;
  language: Lang;
  customerTier: Facts['customerTier'];
  customerSegment: Facts['customerSegment'];
  openCases: number;
  contactsLast7Days: number;
  lastCsat: number | null;
  channelSwitches: number;
  minutesWaiting: number;
  withinBusinessHours: boolean;
  callbackRequested: boolean;
}

export const blankContact = (): SimContact => ({
  channel: 'webform',
  previousChannel: '',
  category: '',
  subject: '',
  text: '',
  language: 'fr',
  customerTier: 'standard',
  customerSegment: 'B2C',
  openCases: 0,
  contactsLast7Days: 1,
  lastCsat: null,
  channelSwitches: 0,
  minutesWaiting: 0,
  withinBusinessHours: true,
  callbackRequested: false,
});

/** A stored contact's facts as the form shows them. */
export function contactFromFacts(facts: Facts): SimContact {
  return {
    channel: facts.channel,
    previousChannel: facts.previousChannel ?? '',
    category: facts.category ?? '',
    subject: facts.subject,
    text: facts.text,
    language: facts.language,
    customerTier: facts.customerTier,
    customerSegment: facts.customerSegment,
    openCases: facts.openCases,
    contactsLast7Days: facts.contactsLast7Days,
    lastCsat: facts.lastCsat,
    channelSwitches: facts.channelSwitches,
    minutesWaiting: facts.minutesWaiting,
    withinBusinessHours: facts.withinBusinessHours,
    callbackRequested: facts.callbackRequested,
  };
}

export function factsInput(contact: ParsedSimContact, receivedAt: string): FactsInput {
  return {
    message: {
      channel: contact.channel,
      previousChannel: contact.previousChannel,
      category: contact.category,
      subject: contact.subject,
      text: contact.text,
      lang: contact.language,
      receivedAt,
      callbackRequested: contact.callbackRequested,
    },
    customer: {
      tier: contact.customerTier,
      segment: contact.customerSegment,
      lastCsat: contact.lastCsat,
    },
    history: {
      openCases: contact.openCases,
      contactsLast7Days: contact.contactsLast7Days,
      channelSwitches: contact.channelSwitches,
      minutesWaiting: contact.minutesWaiting,
    },
    withinBusinessHours: contact.withinBusinessHours,
  };
}
