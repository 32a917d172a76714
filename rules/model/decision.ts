import { z } from 'zod';
import { SkillOutputSchema } from './skillOutput';

/** Priority 1 is the most urgent, 5 the least. */
export const PrioritySchema = z.number().int().min(1).max(5);

/**
 * A promise duration in minutes, counted to the second: 0.5 is "within 30 s", as a live chat
 * needs. Rule sets stored before seconds hold whole minutes, which read unchanged.
 */
export const PromiseMinutesSchema = z
  .number()
  .min(0)
  .refine((m) => Math.abs(m * 60 - Math.round(m * 60)) < 1e-6, {
    message: 'a promise counts whole seconds',
  });

/** Whole seconds in a promise duration given in minutes. */
export const promiseSeconds = (minutes: number): number => Math.round(minutes * 60);

export const PromiseSchema = z.object({
  /** Minutes (to the second) until the acknowledgement must be sent; 0 means at once. */
  acknowledgeMinutes: PromiseMinutesSchema,
  /** Minutes (to the second) until the first agent response is due. */
  firstResponseMinutes: PromiseMinutesSchema.refine((m) => m > 0, { message: 'must be > 0' }),
  /** Minutes (to the second) until resolution is due; null when there is no resolution target. */
  resolutionMinutes: PromiseMinutesSchema.refine((m) => m > 0, {
    message: 'must be > 0',
  }).nullable(),
  /** When true the minutes above are business minutes of `calendarId`. */
  businessHours: z.boolean(),
  calendarId: z.string().min(1),
});
export type CasePromise = z.infer<typeof PromiseSchema>;

export const EscalationLevelSchema = z.object({
  /** Minutes after the breach of the first-response promise at which this level fires. */
  afterBreachMinutes: z.number().int().min(0),
  /** How many steps the priority rises (towards 1). */
  boostPriority: z.number().int().min(0).max(4),
  moveToQueue: z.string().min(1).nullable(),
  notifySupervisor: z.boolean(),
});
export const EscalationLadderSchema = z.object({
  /** Share of the first-response target at which a warning is raised (e.g. 0.8). */
  warnAtRatio: z.number().gt(0).lt(1),
  levels: z.array(EscalationLevelSchema),
});
export type EscalationLadder = z.infer<typeof EscalationLadderSchema>;

export const SurveyPolicySchema = z.object({
  kind: z.enum(['csat', 'nps', 'none']),
  /** 'same' answers on the channel of the resolution. */
  channel: z.enum(['same', 'email', 'sms']),
  windowHours: z.number().int().positive(),
  reminderAfterHours: z.number().int().positive(),
});
export type SurveyPolicy = z.infer<typeof SurveyPolicySchema>;

export const DeflectSchema = z.enum(['none', 'selfcare', 'chatbot']);

/** Every output a rule set decides for a case. */
export const DecisionOutputsSchema = z.object({
  priority: PrioritySchema,
  queue: z.string().min(1),
  /** Names alone in decisions made before skill levels. */
  skills: z.array(SkillOutputSchema),
  promise: PromiseSchema,
  escalation: EscalationLadderSchema,
  ackTemplate: z.string().min(1),
  tags: z.array(z.string()),
  survey: SurveyPolicySchema,
  reopenWindowDays: z.number().int().min(0),
  deflect: DeflectSchema,
});
export type DecisionOutputs = z.infer<typeof DecisionOutputsSchema>;

export const ConditionTraceSchema = z.object({
  path: z.string(),
  fact: z.string(),
  operator: z.string(),
  value: z.unknown(),
  factValue: z.unknown(),
  result: z.boolean(),
});

export const RuleTraceSchema = z.object({
  ruleId: z.string(),
  ruleName: z.string(),
  enabled: z.boolean(),
  fired: z.boolean(),
  conditions: z.array(ConditionTraceSchema),
  error: z.string().nullable(),
});

export const ExplanationSchema = z.object({
  /** For each output, the id of the rule that set it. */
  outputs: z.record(z.string(), z.string()),
  /** For outputs that accumulate ('tags', and 'priority' raises): every contributing rule id. */
  contributors: z.record(z.string(), z.array(z.string())).optional(),
  rules: z.array(RuleTraceSchema),
  errors: z.array(z.string()),
});
export type Explanation = z.infer<typeof ExplanationSchema>;

export const DecisionSchema = DecisionOutputsSchema.extend({
  ruleSetId: z.string(),
  ruleSetVersion: z.number().int().min(0),
  explanation: ExplanationSchema,
});
export type Decision = z.infer<typeof DecisionSchema>;
