import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { ChannelSchema } from '../../rules/model/channel';
import { DecisionSchema } from '../../rules/model/decision';
import { CustomerProfileSchema, InboundMessageSchema, type InboundMessage } from './messages';

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

export const CaseInputSchema = z.object({
  caseId: z.string().min(1),
  customerWorkflowId: z.string().min(1),
  customer: CustomerProfileSchema,
  firstMessage: InboundMessageSchema,
});
export type CaseInput = z.infer<typeof CaseInputSchema>;

export const ClaimSchema = z.object({ agentId: z.string().min(1) });
export const ReplySchema = z.object({
  agentId: z.string().min(1),
  text: z.string().min(1),
  /** Defaults to the channel the customer last used. */
  channel: ChannelSchema.optional(),
});
export const ResolveSchema = z.object({
  agentId: z.string().min(1),
  reason: z.string().min(1),
});
export type ClaimArgs = z.infer<typeof ClaimSchema>;
export type ReplyArgs = z.infer<typeof ReplySchema>;
export type ResolveArgs = z.infer<typeof ResolveSchema>;

export const CaseSnapshotSchema = z.object({
  caseId: z.string(),
  customerId: z.string(),
  status: CaseStatusSchema,
  channel: ChannelSchema,
  channels: z.array(ChannelSchema),
  priority: z.number().int().nullable(),
  queue: z.string().nullable(),
  assignee: z.string().nullable(),
  dueAt: z.string().nullable(),
  firstResponseAt: z.string().nullable(),
  escalationLevel: z.number().int(),
  messages: z.array(InboundMessageSchema),
  decision: DecisionSchema.nullable(),
  openedAt: z.string(),
});
export type CaseSnapshot = z.infer<typeof CaseSnapshotSchema>;

export const customerMessageSignal = defineSignal<[InboundMessage]>('customerMessage');
export const claimUpdate = defineUpdate<CaseSnapshot, [ClaimArgs]>('claim');
export const replyUpdate = defineUpdate<CaseSnapshot, [ReplyArgs]>('reply');
export const resolveUpdate = defineUpdate<CaseSnapshot, [ResolveArgs]>('resolve');
export const caseStateQuery = defineQuery<CaseSnapshot>('caseState');
