import { defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import type { CaseSnapshot } from './case';
import { lazySchema } from './lazySchema';

const submitDraftSchema = () =>
  z.object({
    agentId: z.string().min(1),
    text: z.string().min(20, 'a formal answer needs a real text'),
  });
export const SubmitDraftSchema = submitDraftSchema();
const legalReviewSchema = () =>
  z.object({
    reviewerId: z.string().min(1),
    approved: z.boolean(),
    comments: z.string().default(''),
  });
export const LegalReviewSchema = legalReviewSchema();
/** What workflow code validates with (see ./lazySchema). */
export const b2bComplaintValidators = {
  submitDraft: lazySchema(submitDraftSchema),
  legalReview: lazySchema(legalReviewSchema),
};
export type SubmitDraftArgs = z.input<typeof SubmitDraftSchema>;
export type LegalReviewArgs = z.input<typeof LegalReviewSchema>;

/** The agent's draft of the formal written answer; it goes to legal review. */
export const submitDraftUpdate = defineUpdate<CaseSnapshot, [SubmitDraftArgs]>('submitDraft');
/** Legal approves (the answer is sent by email) or sends the draft back with comments. */
export const legalReviewUpdate = defineUpdate<CaseSnapshot, [LegalReviewArgs]>('legalReview');

/** Business days within which a B2B complaint gets its formal written answer. */
export const formalAnswerBusinessDays = 5;
export const legalQueue = 'legal';
