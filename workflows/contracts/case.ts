import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { ChannelSchema, channelSchema } from '../../rules/model/channel';
import { DecisionSchema, SurveyPolicySchema } from '../../rules/model/decision';
import { lazySchema } from './lazySchema';
import { CustomerProfileSchema, InboundMessageSchema, type InboundEnvelope } from './messages';

export const caseStatuses = [
  'new',
  'acknowledged',
  'queued',
  'assigned',
  'waiting-on-customer',
  'resolved',
  'surveying',
  'closed',
  'reopened',
] as const;
export const CaseStatusSchema = z.enum(caseStatuses);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

export const lifecycles = ['standard', 'b2b-complaint'] as const;
export const LifecycleSchema = z.enum(lifecycles);
export type Lifecycle = z.infer<typeof LifecycleSchema>;

export const CaseInputSchema = z.object({
  caseId: z.string().min(1),
  customerWorkflowId: z.string().min(1),
  customer: CustomerProfileSchema,
  firstMessage: InboundMessageSchema,
  /** The closed case this one follows up, when the customer wrote after its reopen window. */
  linkedCaseId: z.string().nullable(),
});
export type CaseInput = z.infer<typeof CaseInputSchema>;

const agent = () => ({ agentId: z.string().min(1) });
const claimSchema = () => z.object(agent());
export const ClaimSchema = claimSchema();
const replySchema = () =>
  z.object({
    ...agent(),
    text: z.string().min(1),
    /** Defaults to the channel the customer last used. */
    channel: channelSchema().optional(),
    /** The reply asks the customer something: the resolution clock pauses until they answer. */
    awaitCustomer: z.boolean().default(false),
  });
export const ReplySchema = replySchema();
const noteSchema = () => z.object({ ...agent(), text: z.string().min(1) });
export const NoteSchema = noteSchema();
const transferSchema = () =>
  z
    .object({
      ...agent(),
      toQueue: z.string().min(1).optional(),
      toAgent: z.string().min(1).optional(),
      reason: z.string().min(1),
    })
    .refine((t) => t.toQueue || t.toAgent, { message: 'transfer to a queue or to an agent' });
export const TransferSchema = transferSchema();
const scheduleCallbackSchema = () =>
  z.object({
    ...agent(),
    /** ISO time; null means as soon as possible. */
    at: z.iso.datetime().nullable(),
    reason: z.string().min(1),
  });
export const ScheduleCallbackSchema = scheduleCallbackSchema();
const callbackOutcomeSchema = () =>
  z.object({
    ...agent(),
    callbackId: z.string().min(1),
    outcome: z.enum(['reached', 'no-answer']),
  });
export const CallbackOutcomeSchema = callbackOutcomeSchema();
/** What resolving does with the callbacks still scheduled; closing the case cancels them anyway. */
const pendingCallbacksSchema = () => z.enum(['cancel', 'keep']);
export const PendingCallbacksSchema = pendingCallbacksSchema();
const resolveSchema = () =>
  z.object({
    ...agent(),
    reason: z.string().min(1),
    pendingCallbacks: pendingCallbacksSchema().default('cancel'),
  });
export const ResolveSchema = resolveSchema();
const reopenSchema = () => z.object({ ...agent(), reason: z.string().min(1) });
export const ReopenSchema = reopenSchema();
/** A tag: a short label, folded to lower case so that "VIP" and "vip" are one tag. */
const tagSchema = () => z.string().trim().toLowerCase().min(1).max(40);
const tagArgsSchema = () =>
  z.object({
    ...agent(),
    add: z.array(tagSchema()).max(20).default([]),
    remove: z.array(tagSchema()).max(20).default([]),
  });
export const TagArgsSchema = tagArgsSchema();
export const CaseTagSchema = tagSchema();
export const CustomerLeftSchema = z.object({ channel: ChannelSchema });

/** What workflow code validates with (see ./lazySchema). */
export const caseValidators = {
  claim: lazySchema(claimSchema),
  reply: lazySchema(replySchema),
  note: lazySchema(noteSchema),
  transfer: lazySchema(transferSchema),
  scheduleCallback: lazySchema(scheduleCallbackSchema),
  callbackOutcome: lazySchema(callbackOutcomeSchema),
  resolve: lazySchema(resolveSchema),
  reopen: lazySchema(reopenSchema),
  tag: lazySchema(tagArgsSchema),
};

export type ClaimArgs = z.input<typeof ClaimSchema>;
export type ReplyArgs = z.input<typeof ReplySchema>;
export type NoteArgs = z.input<typeof NoteSchema>;
export type TransferArgs = z.input<typeof TransferSchema>;
export type ScheduleCallbackArgs = z.input<typeof ScheduleCallbackSchema>;
export type CallbackOutcomeArgs = z.input<typeof CallbackOutcomeSchema>;
export type ResolveArgs = z.input<typeof ResolveSchema>;
export type PendingCallbacks = z.infer<typeof PendingCallbacksSchema>;
export type ReopenArgs = z.input<typeof ReopenSchema>;
export type TagArgs = z.input<typeof TagArgsSchema>;
export type CustomerLeft = z.infer<typeof CustomerLeftSchema>;

export const CallbackSchema = z.object({
  callbackId: z.string(),
  dueAt: z.string(),
  attempts: z.number().int().min(0),
  status: z.enum(['scheduled', 'completed', 'failed', 'cancelled']),
  reason: z.string(),
});
export type Callback = z.infer<typeof CallbackSchema>;

/** The surveys a case sends: what a rule's survey policy names, but 'none'. */
export const SurveyKindSchema = SurveyPolicySchema.shape.kind.exclude(['none']);
export type SurveyKind = z.infer<typeof SurveyKindSchema>;

export const SurveyStateSchema = z.object({
  kind: SurveyKindSchema,
  channel: ChannelSchema,
  sentAt: z.string(),
  reminded: z.boolean(),
  score: z.number().nullable(),
});
export type SurveyStateSnapshot = z.infer<typeof SurveyStateSchema>;

export const CaseSnapshotSchema = z.object({
  caseId: z.string(),
  customerId: z.string(),
  lifecycle: LifecycleSchema,
  status: CaseStatusSchema,
  channel: ChannelSchema,
  channels: z.array(ChannelSchema),
  priority: z.number().int().nullable(),
  queue: z.string().nullable(),
  assignee: z.string().nullable(),
  dueAt: z.string().nullable(),
  resolutionDueAt: z.string().nullable(),
  firstResponseAt: z.string().nullable(),
  escalationLevel: z.number().int(),
  messages: z.array(InboundMessageSchema),
  decision: DecisionSchema.nullable(),
  callbacks: z.array(CallbackSchema),
  survey: SurveyStateSchema.nullable(),
  linkedCaseId: z.string().nullable(),
  reopenCount: z.number().int(),
  abandoned: z.boolean(),
  openedAt: z.string(),
  /** Labels agents and canned replies put on the case, in the order they came. */
  tags: z.array(z.string()),
});
export type CaseSnapshot = z.infer<typeof CaseSnapshotSchema>;

/** A customer message threaded into this case, with the customer's latest profile. */
export const customerMessageSignal = defineSignal<[InboundEnvelope]>('customerMessage');
/** The customer hung up or left the chat before an agent answered. */
export const customerLeftSignal = defineSignal<[CustomerLeft]>('customerLeft');

export const claimUpdate = defineUpdate<CaseSnapshot, [ClaimArgs]>('claim');
export const replyUpdate = defineUpdate<CaseSnapshot, [ReplyArgs]>('reply');
export const noteUpdate = defineUpdate<CaseSnapshot, [NoteArgs]>('note');
export const transferUpdate = defineUpdate<CaseSnapshot, [TransferArgs]>('transfer');
export const scheduleCallbackUpdate = defineUpdate<CaseSnapshot, [ScheduleCallbackArgs]>(
  'scheduleCallback',
);
export const callbackOutcomeUpdate = defineUpdate<CaseSnapshot, [CallbackOutcomeArgs]>(
  'callbackOutcome',
);
export const resolveUpdate = defineUpdate<CaseSnapshot, [ResolveArgs]>('resolve');
export const reopenUpdate = defineUpdate<CaseSnapshot, [ReopenArgs]>('reopen');
export const tagUpdate = defineUpdate<CaseSnapshot, [TagArgs]>('tag');
export const caseStateQuery = defineQuery<CaseSnapshot>('caseState');
