import { describe, expect, it } from 'vitest';
import { closeOfBusinessDay } from '../../rules/calendar/businessHours';
import { defaultCalendar } from '../../rules/calendar/defaultCalendar';
import { legalReviewUpdate, submitDraftUpdate } from '../../workflows/contracts/b2bComplaint';
import { claimUpdate, resolveUpdate } from '../../workflows/contracts/case';
import { between, expectNear, withCaseWorld } from '../support/caseWorld';
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

describe('B2B complaint lifecycle', () => {
  it('promises a formal written answer in 5 business days and sends it after legal approval', () =>
    withCaseWorld(async (w) => {
      const caseId = await w.send(business, complaint());
      const opened = await w.waitForStatus(caseId, 'queued');
      expect(opened.lifecycle).toBe('b2b-complaint');
      expect(opened.dueAt).toBe(
        closeOfBusinessDay(defaultCalendar, new Date(opened.openedAt), 5).toISOString(),
      );
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
