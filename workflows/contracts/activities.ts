import { z } from 'zod';
import { ChannelSchema, LangSchema } from '../../rules/model/channel';
import { CalendarSchema } from '../../rules/model/calendar';
import { DecisionSchema } from '../../rules/model/decision';
import { SurveyKindSchema } from './case';
import type { SurveyConsent, SurveyConsentInput } from './consent';
import { ReleaseWorkSchema, WithdrawWorkSchema, WorkItemSchema } from './routing';
import { CustomerProfileSchema, InboundMessageSchema } from './messages';
import { type Task, TaskSchema } from './task';
import { type TimelineEvent, TimelineEventSchema } from './timeline';

export const DecideInputSchema = z.object({
  caseId: z.string(),
  customer: CustomerProfileSchema,
  message: InboundMessageSchema,
  previousChannel: ChannelSchema.nullable(),
  channelSwitches: z.number().int().min(0),
  minutesWaiting: z.number().min(0),
  reason: z.enum(['initial', 'customer-message']),
  /**
   * The published version to decide with: the case's first decision pins it, so a running case
   * keeps its rules. Absent for a first decision, which takes the latest published version.
   */
  ruleSetVersion: z.number().int().min(1).nullable().optional(),
  /**
   * The case's opening event, recorded (and counted as a contact) before deciding, so that a
   * new case needs no activity of its own for it. Absent for later decisions.
   */
  opening: TimelineEventSchema.optional(),
});
export type DecideInput = z.infer<typeof DecideInputSchema>;

/**
 * The rules' decision, the calendar its promise is counted in, and the text of the
 * acknowledgement template it names for this channel and language (null: the built-in text).
 */
export const CaseDecisionSchema = z.object({
  decision: DecisionSchema,
  calendar: CalendarSchema,
  ackTemplateText: z.string().nullable().optional(),
});
export type CaseDecision = z.infer<typeof CaseDecisionSchema>;

export const OutboundMessageSchema = z.object({
  /** Idempotency key: a retry with the same key sends nothing more. */
  key: z.string().min(1),
  caseId: z.string(),
  customerId: z.string(),
  channel: ChannelSchema,
  kind: z.enum([
    'acknowledgement',
    'reply',
    'callback-offer',
    'survey',
    'survey-reminder',
    'formal-answer',
    'transcript',
  ]),
  to: z.string().nullable(),
  lang: LangSchema,
  text: z.string().min(1),
});
export type OutboundMessage = z.infer<typeof OutboundMessageSchema>;

/**
 * One message from a case to the router: work to route (again), work taken elsewhere, or an
 * agent's capacity to free. The router takes each idempotently by case id.
 */
export const HandOverSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('route'), item: WorkItemSchema }),
  z.object({ kind: z.literal('withdraw'), withdraw: WithdrawWorkSchema }),
  z.object({ kind: z.literal('release'), release: ReleaseWorkSchema }),
]);
export type HandOver = z.infer<typeof HandOverSchema>;

/**
 * One idempotent write of a case: a timeline event, a message to the customer or a task. Each
 * carries its own key (the task its seq), so a retried batch repeats nothing already done.
 */
export const CaseStepSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event'), event: TimelineEventSchema }),
  z.object({ kind: z.literal('send'), message: OutboundMessageSchema }),
  z.object({ kind: z.literal('task'), task: TaskSchema }),
  z.object({ kind: z.literal('hand-over'), handOver: HandOverSchema }),
]);
export type CaseStep = z.infer<typeof CaseStepSchema>;

export const SupervisorNotificationSchema = z.object({
  key: z.string().min(1),
  caseId: z.string(),
  customerId: z.string(),
  queue: z.string(),
  text: z.string().min(1),
});
export type SupervisorNotification = z.infer<typeof SupervisorNotificationSchema>;

export const SurveyScoreSchema = z.object({
  customerId: z.string(),
  caseId: z.string(),
  kind: SurveyKindSchema,
  score: z.number().int().min(0).max(10),
});
export type SurveyScore = z.infer<typeof SurveyScoreSchema>;

/**
 * The activities the workflows call. Declared here, implemented in worker/, so that workflow
 * code depends on the contract only.
 */
export interface RelaisActivities {
  decideCase(input: DecideInput): Promise<CaseDecision>;
  sendMessage(input: OutboundMessage): Promise<void>;
  syncTask(task: Task): Promise<void>;
  recordEvent(event: TimelineEvent): Promise<void>;
  /** Runs the steps in order, as one activity: what a case writes at once (e.g. its intake). */
  runSteps(steps: CaseStep[]): Promise<void>;
  notifySupervisor(notification: SupervisorNotification): Promise<void>;
  /** Sends the messages to the router in order, starting it if it is not running. */
  handOverWork(handOvers: HandOver[]): Promise<void>;
  /** Keeps the customer's last CSAT, a fact the rules use for the next contact. */
  recordSurveyScore(score: SurveyScore): Promise<void>;
  /** Whether a survey may go out on SMS and email now, from the consent ledger. */
  surveyConsent(input: SurveyConsentInput): Promise<SurveyConsent>;
}
