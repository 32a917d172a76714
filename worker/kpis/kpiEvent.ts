import { z } from 'zod';
import { ChannelSchema } from '../../rules/model/channel';
import { SurveyKindSchema } from '../../workflows/contracts/case';
import { TimelineEventTypeSchema } from '../../workflows/contracts/timeline';

/** The timeline event types the KPIs look at; the store reads nothing else. */
export const kpiEventTypes = [
  'case-opened',
  'message-received',
  'replied',
  'promise-met',
  'promise-breached',
  'survey-answered',
  'abandoned',
  'resolved',
  'reopened',
] as const satisfies readonly z.infer<typeof TimelineEventTypeSchema>[];

/** One timeline event, cut down to the fields the KPI maths needs. */
export const KpiEventSchema = z.object({
  caseId: z.string(),
  type: TimelineEventTypeSchema,
  at: z.iso.datetime(),
  /** case-opened: the first message's channel. */
  channel: ChannelSchema.nullable(),
  /** survey-answered: the score and the survey kind. */
  score: z.number().nullable(),
  kind: SurveyKindSchema.nullable(),
});
export type KpiEvent = z.infer<typeof KpiEventSchema>;
