import { z } from 'zod';
import {
  DeflectSchema,
  EscalationLadderSchema,
  PrioritySchema,
  PromiseSchema,
  SurveyPolicySchema,
  type DecisionOutputs,
} from './decision';
import { SkillOutputSchema } from './skillOutput';

export const SetPriorityActionSchema = z.strictObject({
  type: z.literal('setPriority'),
  priority: PrioritySchema,
});
/** Moves the priority `steps` towards 1, on top of whichever priority was set. */
export const RaisePriorityActionSchema = z.strictObject({
  type: z.literal('raisePriority'),
  steps: z.number().int().min(1).max(4),
});
export const RouteActionSchema = z.strictObject({
  type: z.literal('route'),
  queue: z.string().min(1),
  skills: z.array(SkillOutputSchema),
});
export const SetPromiseActionSchema = PromiseSchema.extend({
  type: z.literal('setPromise'),
}).strict();
export const SetEscalationActionSchema = EscalationLadderSchema.extend({
  type: z.literal('setEscalation'),
}).strict();
export const SetAckTemplateActionSchema = z.strictObject({
  type: z.literal('setAckTemplate'),
  template: z.string().min(1),
});
export const TagActionSchema = z.strictObject({
  type: z.literal('tag'),
  tags: z.array(z.string().min(1)).min(1),
});
export const SetSurveyActionSchema = SurveyPolicySchema.extend({
  type: z.literal('setSurvey'),
}).strict();
export const SetReopenWindowActionSchema = z.strictObject({
  type: z.literal('setReopenWindow'),
  days: z.number().int().min(0),
});
export const DeflectActionSchema = z.strictObject({
  type: z.literal('deflect'),
  to: DeflectSchema,
});

export const ActionSchema = z.discriminatedUnion('type', [
  SetPriorityActionSchema,
  RaisePriorityActionSchema,
  RouteActionSchema,
  SetPromiseActionSchema,
  SetEscalationActionSchema,
  SetAckTemplateActionSchema,
  TagActionSchema,
  SetSurveyActionSchema,
  SetReopenWindowActionSchema,
  DeflectActionSchema,
]);
export type Action = z.infer<typeof ActionSchema>;
export type ActionType = Action['type'];

/** Actions whose output is decided once: the first enabled rule that fires with one wins. */
export const singleValuedActionTypes = [
  'setPriority',
  'route',
  'setPromise',
  'setEscalation',
  'setAckTemplate',
  'setSurvey',
  'setReopenWindow',
  'deflect',
] as const satisfies readonly ActionType[];
export type SingleValuedActionType = (typeof singleValuedActionTypes)[number];

export function isSingleValued(type: ActionType): type is SingleValuedActionType {
  return (singleValuedActionTypes as readonly ActionType[]).includes(type);
}

/** The decision outputs each single-valued action sets. */
export const outputsOfAction = {
  setPriority: ['priority'],
  route: ['queue', 'skills'],
  setPromise: ['promise'],
  setEscalation: ['escalation'],
  setAckTemplate: ['ackTemplate'],
  setSurvey: ['survey'],
  setReopenWindow: ['reopenWindowDays'],
  deflect: ['deflect'],
} as const satisfies Record<SingleValuedActionType, readonly (keyof DecisionOutputs)[]>;
