import { z } from 'zod';
import { channelSchema, langSchema, segmentSchema, tierSchema } from '../../rules/model/channel';
import { lazySchema } from './lazySchema';

/** What the workflows know of a customer; refreshed with every inbound message. */
const customerProfileSchema = () =>
  z.object({
    customerId: z.string().min(1),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    handle: z.string().nullable(),
    tier: tierSchema(),
    segment: segmentSchema(),
    lang: langSchema(),
    timezone: z.string().min(1),
    smsOptIn: z.boolean(),
    /**
     * The last CSAT (1–5), a rule fact, read with the customer at each inbound message so that a
     * decision need not read the customer again. Absent in profiles sent before it was carried.
     */
    lastCsat: z.number().min(0).max(10).nullable().optional(),
  });
export const CustomerProfileSchema = customerProfileSchema();
export type CustomerProfile = z.infer<typeof CustomerProfileSchema>;

/** One inbound message, already validated and attached to a known customer. */
const inboundMessageSchema = () =>
  z.object({
    messageId: z.string().min(1),
    channel: channelSchema(),
    receivedAt: z.iso.datetime(),
    lang: langSchema(),
    subject: z.string().nullable(),
    text: z.string(),
    /** Explicit case reference: an email thread, "[#ref]" in a subject, a chat session. */
    caseRef: z.string().nullable(),
    category: z.string().nullable(),
    callbackRequested: z.boolean(),
    /** When the customer asked to be called back; null means as soon as possible. */
    callbackAt: z.iso.datetime().nullable(),
    /** A satisfaction score the customer sent back (CSAT 1–5 or NPS 0–10), when this is one. */
    surveyScore: z.number().int().min(0).max(10).nullable(),
  });
export const InboundMessageSchema = inboundMessageSchema();
export type InboundMessage = z.infer<typeof InboundMessageSchema>;

const inboundEnvelopeSchema = () =>
  z.object({ customer: customerProfileSchema(), message: inboundMessageSchema() });
export const InboundEnvelopeSchema = inboundEnvelopeSchema();
export type InboundEnvelope = z.infer<typeof InboundEnvelopeSchema>;

/** What workflow code validates with (see ./lazySchema). */
export const messageValidators = { envelope: lazySchema(inboundEnvelopeSchema) };
