import { WorkflowUpdateStage } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { closeOfBusinessDay } from '../../rules/calendar/businessHours';
import { defaultCalendar } from '../../rules/calendar/defaultCalendar';
import { legalReviewUpdate, submitDraftUpdate } from '../../workflows/contracts/b2bComplaint';
import { claimUpdate, resolveUpdate } from '../../workflows/contracts/case';
import { between, expectNear, withCaseWorld, type CaseWorld } from '../support/caseWorld';
import { customerProfile, inboundMessage } from '../support/messages';
import { eventually } from '../support/relaisWorker';

const business = customerProfile({
  name: 'Menuiserie Leroux',
  email: 'achats@menuiserie-leroux.fr',
  segment: 'B2B',
});
const complaint = () =>
  inboundMessage({
    channel: 'email',
    category: 'complaint',
    subject: 'Réclamation formelle',
    text: 'Nous contestons la facture 2026-118 : la livraison de bois est arrivée incomplète.',
  });
const answer =
  'Madame, Monsieur, après examen de votre réclamation, nous vous accordons un avoir de 1 200 €.';

/** A complaint claimed by ana, whose draft waits for legal review. */
async function draftInReview(w: CaseWorld) {
  const caseId = await w.send(business, complaint());
  await w.waitForStatus(caseId, 'queued');
  const h = w.caseHandle(caseId);
  await h.executeUpdate(claimUpdate, { args: [{ agentId: 'ana' }] });
  await h.executeUpdate(submitDraftUpdate, { args: [{ agentId: 'ana', text: answer }] });
  return { caseId, h };
}

/** Once every update has settled, the case's handlers are done: these counts are final. */
async function formalAnswers(w: CaseWorld, caseId: string) {
  const types = await w.types(caseId);
  return {
    sent: (await w.outbox(caseId)).filter((m) => m.kind === 'formal-answer').length,
    events: types.filter((t) => t === 'formal-answer-sent').length,
    resolved: types.filter((t) => t === 'resolved').length,
  };
}

const approve = { reviewerId: 'lea', approved: true };

describe('legal reviews at the same time', () => {
  it('sends one formal answer when two lawyers approve at once', () =>
    withCaseWorld(async (w) => {
      const { caseId, h } = await draftInReview(w);
      const results = await Promise.allSettled(
        ['lea', 'luc'].map((reviewerId) =>
          h.executeUpdate(legalReviewUpdate, { args: [{ ...approve, reviewerId }] }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await formalAnswers(w, caseId)).toEqual({ sent: 1, events: 1, resolved: 1 });
      expect((await w.state(caseId)).status).not.toBe('assigned');
    }));

  it('refuses a new draft and its approval while an approved answer is being sent', () =>
    withCaseWorld(async (w) => {
      const { caseId, h } = await draftInReview(w);
      // Each is accepted before the next goes out, so all three are in the workflow at once.
      const first = await h.startUpdate(legalReviewUpdate, {
        args: [approve],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
      // Its validator may already refuse it: either way its outcome is read below.
      const redraft = await h
        .startUpdate(submitDraftUpdate, {
          args: [{ agentId: 'ana', text: `${answer} (version corrigée)` }],
          waitForStage: WorkflowUpdateStage.ACCEPTED,
        })
        .then(
          (u) => () => u.result(),
          (err: unknown) => () => Promise.reject(err),
        );
      const results = await Promise.allSettled([
        first.result(),
        redraft(),
        h.executeUpdate(legalReviewUpdate, { args: [{ ...approve, reviewerId: 'luc' }] }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
      expect(await formalAnswers(w, caseId)).toEqual({ sent: 1, events: 1, resolved: 1 });
      const formal = (await w.outbox(caseId)).find((m) => m.kind === 'formal-answer');
      expect(formal?.text).toBe(answer);
    }));
});

describe('B2B complaint lifecycle', () => {
  it('promises a formal written answer in 5 business days and sends it after legal approval', () =>
    withCaseWorld(async (w) => {
      const caseId = await w.send(business, complaint());
      const opened = await w.waitForStatus(caseId, 'queued');
      expect(opened.lifecycle).toBe('b2b-complaint');
      expect(opened.dueAt).toBe(
        closeOfBusinessDay(defaultCalendar, new Date(opened.openedAt), 5).toISOString(),
      );
      // 'queued' shows while the intake's steps are still being written: wait for them.
      await w.settled(caseId);
      const [ack] = await w.outbox(caseId);
      expect(ack?.text).toContain(
        'réponse écrite formelle par e-mail dans un délai de 5 jours ouvrés',
      );

      const h = w.caseHandle(caseId);
      await h.executeUpdate(claimUpdate, { args: [{ agentId: 'ana' }] });
      // The case cannot be closed by a plain "resolve": the formal answer is the resolution.
      await expect(
        h.executeUpdate(resolveUpdate, { args: [{ agentId: 'ana', reason: 'done' }] }),
      ).rejects.toThrow();
      await h.executeUpdate(submitDraftUpdate, { args: [{ agentId: 'ana', text: answer }] });
      const review = await eventually(async () => {
        const tasks = await w.stores.tasks.forCase(caseId);
        return tasks.find((t) => t.kind === 'legal-review' && t.status === 'queued');
      }, 'the legal review task');
      expect(review.queue).toBe('legal');

      // Legal sends it back once, then approves the second draft.
      await h.executeUpdate(legalReviewUpdate, {
        args: [{ reviewerId: 'lea', approved: false, comments: 'Citer l’article 4 du contrat.' }],
      });
      await expect(
        h.executeUpdate(legalReviewUpdate, { args: [{ reviewerId: 'lea', approved: true }] }),
      ).rejects.toThrow();
      await h.executeUpdate(submitDraftUpdate, {
        args: [{ agentId: 'ana', text: `${answer} (article 4 du contrat)` }],
      });
      await h.executeUpdate(legalReviewUpdate, { args: [{ reviewerId: 'lea', approved: true }] });

      await w.waitForEvents(caseId, 'formal-answer-sent');
      const formal = (await w.outbox(caseId)).find((m) => m.kind === 'formal-answer');
      expect(formal).toMatchObject({ channel: 'email', to: 'achats@menuiserie-leroux.fr' });
      expect(formal?.text).toContain('article 4');
      const types = await w.types(caseId);
      expect(types.filter((t) => t === 'legal-review-done')).toHaveLength(2);
      expect(types).toContain('resolved');
      const reviews = (await w.stores.tasks.forCase(caseId)).filter(
        (t) => t.kind === 'legal-review',
      );
      expect(reviews.map((t) => t.status)).toEqual(['closed', 'closed']);
    }));

  it('escalates when the formal answer is late', () =>
    withCaseWorld(async (w) => {
      const caseId = await w.send(business, complaint());
      const opened = await w.waitForStatus(caseId, 'queued');
      await w.sleep(between(opened.openedAt, opened.dueAt!) + 2 * 3600_000);
      const [breach] = await w.waitForEvents(caseId, 'promise-breached');
      expect(breach!.data.promise).toBe('resolution');
      expectNear(between(opened.openedAt, breach!.at), between(opened.openedAt, opened.dueAt!));
      await w.waitForEvents(caseId, 'escalated');
    }));

  it('keeps a B2C complaint on the standard lifecycle', () =>
    withCaseWorld(async (w) => {
      const caseId = await w.send(customerProfile(), complaint());
      expect((await w.waitForStatus(caseId, 'queued')).lifecycle).toBe('standard');
    }));
});
