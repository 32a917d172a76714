import { z } from 'zod';

export const timelineEventTypes = [
  'message-received',
  'case-opened',
  'channel-switch',
  'decided',
  'redecided',
  'acknowledged',
  'task-created',
  'claimed',
  'replied',
  'promise-warning',
  'escalated',
  'promise-met',
  'resolved',
  'closed',
] as const;
export const TimelineEventTypeSchema = z.enum(timelineEventTypes);

/** One step of a customer's history: the 360° view and every KPI are computed from these. */
export const TimelineEventSchema = z.object({
  /** Idempotency key: workflow id + step, so a retried activity never writes twice. */
  key: z.string().min(1),
  customerId: z.string(),
  caseId: z.string(),
  type: TimelineEventTypeSchema,
  at: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;
