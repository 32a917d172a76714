import { z } from 'zod';

export const timelineEventTypes = [
  'case-opened',
  'message-received',
  'channel-switch',
  'decided',
  'redecided',
  'acknowledged',
  'task-created',
  'claimed',
  /** The router gave the case to an agent who accepted its offer (or auto-accept did). */
  'assigned',
  /** The router offered the case to an agent (data: agentId, offerId, expiresAt). */
  'offered',
  /** The case waited long enough for the router to lower or drop its skills (data: step). */
  'routing-relaxed',
  'replied',
  'note',
  /** Tags added to or removed from the case (data: agentId, added, removed). */
  'tagged',
  'transferred',
  'waiting-on-customer',
  'promise-warning',
  'promise-breached',
  'escalated',
  'supervisor-notified',
  'promise-met',
  'callback-scheduled',
  'callback-offered',
  'callback-missed',
  'callback-completed',
  'callback-failed',
  'callback-cancelled',
  'abandoned',
  'resolved',
  'survey-sent',
  'survey-reminder',
  'survey-answered',
  'survey-expired',
  'follow-up-created',
  'closed',
  'reopened',
  'draft-submitted',
  'legal-review-requested',
  'legal-review-done',
  'formal-answer-sent',
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
