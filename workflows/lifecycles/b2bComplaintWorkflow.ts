import { ApplicationFailure } from '@temporalio/workflow';
import { businessMinutesBetween, closeOfBusinessDay } from '../../rules/calendar/businessHours';
import type { Calendar } from '../../rules/model/calendar';
import type { Decision } from '../../rules/model/decision';
import {
  b2bComplaintValidators as validate,
  formalAnswerBusinessDays,
  legalQueue,
  legalReviewUpdate,
  submitDraftUpdate,
} from '../contracts/b2bComplaint';
import type { CaseInput, CaseSnapshot } from '../contracts/case';
import { PromiseClock } from '../blocks/promiseClock';
import { CaseContext } from '../case/caseContext';
import { finishCase } from '../case/caseWorkflow';
import { registerCaseHandlers } from '../case/handlers';
import { closeWithReopenWindow } from '../case/phases/closure';
import { intake, openCase } from '../case/phases/intake';
import { resolveCase } from '../case/phases/resolution';
import { serve } from '../case/phases/serve';
import { survey } from '../case/phases/survey';
import { workflowNow } from '../lib/clock';
import { caseRef, dueInWords } from '../lib/promiseWords';
import type { Refusal } from '../contracts/refusals';

interface Draft {
  agentId: string;
  text: string;
  state: 'in-review' | 'approved' | 'rejected';
  reviewTaskId: string;
}

/** Refuses an agent action with a code the designer words (the message is for logs and APIs). */
function reject(message: string, refusal: Refusal): never {
  throw ApplicationFailure.create({
    type: 'InvalidTransition',
    message,
    nonRetryable: true,
    details: [refusal],
  });
}

/** The formal promise: a written answer by the close of the 5th business day. */
function startFormalPromise(ctx: CaseContext, _d: Decision, calendar: Calendar, from: Date) {
  const due = closeOfBusinessDay(calendar, from, formalAnswerBusinessDays);
  ctx.calendar = calendar;
  ctx.firstResponseClock = null;
  ctx.resolutionClock = new PromiseClock(
    businessMinutesBetween(calendar, from, due),
    true,
    calendar,
    from,
  );
  ctx.model.dueAt = due;
  ctx.refreshDueTimes();
}

function formalAcknowledgement(ctx: CaseContext): string {
  const { customer } = ctx.model;
  const due = dueInWords(ctx.model.dueAt!, customer.timezone, customer.lang);
  const ref = caseRef(ctx.model.caseId);
  return customer.lang === 'fr'
    ? `Madame, Monsieur, nous accusons réception de votre réclamation (référence ${ref}). Elle fera l'objet d'une réponse écrite formelle par e-mail dans un délai de ${formalAnswerBusinessDays} jours ouvrés, au plus tard le ${due}.`
    : `Dear customer, we acknowledge receipt of your complaint (reference ${ref}). You will receive a formal written answer by email within ${formalAnswerBusinessDays} business days, by ${due} at the latest.`;
}

/**
 * Second example lifecycle, built from the same blocks as the standard one: a B2B complaint
 * needs a formal written answer by email within 5 business days, and legal approves it first.
 * The resolution clock (business time, pausable) carries the promise and its escalation ladder.
 */
export async function b2bComplaintWorkflow(input: CaseInput): Promise<CaseSnapshot> {
  const ctx = new CaseContext(input, 'b2b-complaint');
  const { model } = ctx;
  let draft: Draft | null = null;
  let drafts = 0;
  let formalAnswerSent = false;

  registerCaseHandlers(ctx, {
    assertCanResolve: () => {
      if (!formalAnswerSent)
        reject('a B2B complaint is resolved by its approved formal answer', {
          code: 'b2b.resolveByFormalAnswer',
        });
    },
  });

  // Both hold the case's lock: two approvals at once must send one formal answer, not two.
  ctx.lock.setUpdate(
    submitDraftUpdate,
    (args) => {
      const { agentId } = validate.submitDraft().parse(args);
      model.assertCanReply(agentId);
      if (draft?.state === 'in-review')
        reject('a draft is already in legal review', { code: 'b2b.draftInReview' });
    },
    async ({ agentId, text }) => {
      drafts += 1;
      draft = { agentId, text, state: 'in-review', reviewTaskId: String(drafts) };
      await ctx.record('draft-submitted', { agentId, length: text.length });
      await ctx.syncSideTask(
        model.sideTask(
          'legal-review',
          draft.reviewTaskId,
          model.resolutionDueAt,
          true,
          workflowNow(),
          {
            queue: legalQueue,
            subject: `Legal review: ${model.messages[0]!.subject ?? 'formal complaint'}`,
          },
        ),
      );
      await ctx.record('legal-review-requested', { queue: legalQueue });
      return model.snapshot();
    },
  );

  ctx.lock.setUpdate(
    legalReviewUpdate,
    (args) => {
      validate.legalReview().parse(args);
      if (draft?.state !== 'in-review')
        reject('no draft is waiting for legal review', { code: 'b2b.noDraftInReview' });
    },
    async (args) => {
      const { reviewerId, approved, comments } = validate.legalReview().parse(args);
      const reviewed = draft!;
      reviewed.state = approved ? 'approved' : 'rejected';
      await ctx.record('legal-review-done', { reviewerId, approved, comments });
      await ctx.syncSideTask(
        model.sideTask('legal-review', reviewed.reviewTaskId, null, false, workflowNow(), {
          queue: legalQueue,
        }),
      );
      if (approved) {
        await ctx.send('formal-answer', 'email', reviewed.text);
        formalAnswerSent = true;
        model.firstResponseAt ??= workflowNow();
        await ctx.record('formal-answer-sent', { channel: 'email', approvedBy: reviewerId });
        await resolveCase(ctx, reviewed.agentId, 'formal answer sent', 'cancel');
      }
      return model.snapshot();
    },
  );

  const options = { startPromises: startFormalPromise, acknowledgement: formalAcknowledgement };
  await openCase(
    ctx,
    {
      messageId: input.firstMessage.messageId,
      channel: input.firstMessage.channel,
      subject: input.firstMessage.subject,
      text: input.firstMessage.text,
      lifecycle: 'b2b-complaint',
    },
    options,
  );

  for (;;) {
    await serve(ctx);
    if (model.status === 'resolved') await survey(ctx);
    if (model.status !== 'reopened' && !(await closeWithReopenWindow(ctx))) break;
    formalAnswerSent = false;
    draft = null;
    await intake(ctx, model.messages[model.messages.length - 1]!, 'customer-message', options);
  }
  return finishCase(ctx);
}
