import { z } from 'zod';
import { ChannelSchema } from '$rules/model/channel';
import {
  AgentStateSchema,
  AwayReasonSchema,
  CapacityClassSchema,
  CapacitySchema,
  PresenceSchema,
  type RoutingEvent,
} from '$workflows/contracts/routing';

/** An offer as the desk shows it: the case in words, and when the offer ends. */
export const DeskOfferSchema = z.object({
  offerId: z.string(),
  caseId: z.string(),
  queue: z.string(),
  customerName: z.string(),
  channel: ChannelSchema,
  subject: z.string(),
  priority: z.number().int(),
  offeredAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export type DeskOffer = z.infer<typeof DeskOfferSchema>;

/** A case the agent holds: what "My work" lists. */
export const DeskWorkSchema = z.object({
  caseId: z.string(),
  capacityClass: CapacityClassSchema,
  customerName: z.string().nullable(),
  subject: z.string().nullable(),
  channel: ChannelSchema.nullable(),
});
export type DeskWork = z.infer<typeof DeskWorkSchema>;

/** GET /api/presence: the signed-in user as the router knows them (null: not a routed agent). */
export const DeskStateSchema = z.object({
  agent: AgentStateSchema.nullable(),
  capacity: CapacitySchema.nullable(),
  offers: z.array(DeskOfferSchema),
  work: z.array(DeskWorkSchema),
});
export type DeskState = z.infer<typeof DeskStateSchema>;

/** POST /api/presence. */
export const PresenceRequestSchema = z
  .object({ presence: PresenceSchema, reason: AwayReasonSchema.nullable().default(null) })
  .refine((r) => (r.presence === 'away') === (r.reason !== null), {
    message: 'a reason with Away, and only with Away',
    path: ['reason'],
  });

/** POST /api/offers/:offerId. */
export const OfferAnswerSchema = z.object({ accept: z.boolean() });

/** The offer an offer-created event puts in front of the agent. */
export function deskOfferOf(event: RoutingEvent): DeskOffer | null {
  if (event.kind !== 'offer-created') return null;
  const { item, offer } = event;
  return {
    offerId: offer.offerId,
    caseId: offer.caseId,
    queue: item.queue,
    customerName: item.customerName,
    channel: item.channel,
    subject: item.subject,
    priority: item.priority,
    offeredAt: offer.offeredAt,
    expiresAt: offer.expiresAt,
  };
}

/** Away reasons an agent picks; the others are set by Relais itself. */
export const chosenAwayReasons = ['break', 'lunch', 'meeting', 'training', 'admin'] as const;
