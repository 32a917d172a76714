import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { ChannelSchema } from '../../rules/model/channel';
import { CustomerProfileSchema, type InboundEnvelope } from './messages';

export const OpenCaseSchema = z.object({
  caseId: z.string(),
  channel: ChannelSchema,
  refs: z.array(z.string()),
});
export type OpenCase = z.infer<typeof OpenCaseSchema>;

/** Carried across continue-as-new, so it must stay small: recent message ids only. */
export const CustomerWorkflowInputSchema = z.object({
  customer: CustomerProfileSchema,
  openCases: z.array(OpenCaseSchema),
  recentMessages: z.array(z.tuple([z.string(), z.string()])),
  /** Cases whose reopen window has passed, newest last: a new case links to the latest. */
  recentlyClosed: z.array(z.string()),
  /** History events after which the workflow continues as new, well before Temporal's limits. */
  historyEventBudget: z.number().int().positive(),
});

export const defaultHistoryEventBudget = 5_000;
export type CustomerWorkflowInput = z.infer<typeof CustomerWorkflowInputSchema>;

export const CaseClosedSchema = z.object({ caseId: z.string() });
export type CaseClosed = z.infer<typeof CaseClosedSchema>;

/** Kept so that runs started before the `deliver` update, and their histories, still replay. */
export const inboundSignal = defineSignal<[InboundEnvelope]>('inbound');
/**
 * Hands a message to the customer's workflow and returns the id of the case it was threaded
 * into (for a message id already seen, the case it went to): one round trip with update-with-start.
 */
export const deliverUpdate = defineUpdate<string, [InboundEnvelope]>('deliver');
export const caseClosedSignal = defineSignal<[CaseClosed]>('caseClosed');
export const openCasesQuery = defineQuery<OpenCase[]>('openCases');

export const customerWorkflowId = (customerId: string) => `customer-${customerId}`;
export const caseWorkflowId = (caseId: string) => `case-${caseId}`;
