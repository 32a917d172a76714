import { describe, expect, it } from 'vitest';
import {
  claimUpdate,
  reopenUpdate,
  replyUpdate,
  resolveUpdate,
} from '../../workflows/contracts/case';
import type { CustomerProfile } from '../../workflows/contracts/messages';
import { hour, withCaseWorld, type CaseWorld } from '../support/caseWorld';
import { customerProfile, inboundMessage } from '../support/messages';
import { eventually } from '../support/relaisWorker';

const day = 24 * hour;

/** Opens a case for `customer` on `channel`, and has an agent answer and resolve it. */
async function resolvedCase(
  w: CaseWorld,
  customer: CustomerProfile,
  channel: 'email' | 'sms' = 'email',
): Promise<string> {
  const caseId = await w.send(customer, inboundMessage({ channel }));
  await w.waitForStatus(caseId, 'queued');
  const h = w.caseHandle(caseId);
  await h.executeUpdate(claimUpdate, { args: [{ agentId: 'ana' }] });
  await h.executeUpdate(replyUpdate, { args: [{ agentId: 'ana', text: 'C’est réglé.' }] });
  await h.executeUpdate(resolveUpdate, { args: [{ agentId: 'ana', reason: 'refunded' }] });
  return caseId;
}

describe('satisfaction survey', () => {
  it('sends the CSAT on the email channel; a promoter answer closes the case', () =>
    withCaseWorld(async (w) => {
      const customer = customerProfile();
      const caseId = await resolvedCase(w, customer);
      const [sent] = await w.waitForEvents(caseId, 'survey-sent');
      expect(sent!.data).toMatchObject({ kind: 'csat', channel: 'email' });
      await w.send(
        customer,
        inboundMessage({ channel: 'email', text: '5 - parfait', surveyScore: 5 }),
      );
      const [answered] = await w.waitForEvents(caseId, 'survey-answered');
      expect(answered!.data).toMatchObject({ score: 5, detractor: false });
      await w.waitForStatus(caseId, 'closed');
      await w.settled(caseId);
      expect((await w.stores.customers.get(customer.customerId))?.lastCsat).toBe(5);
      expect(await w.types(caseId)).not.toContain('follow-up-created');
      expect(await w.stores.tasks.get(`${caseId}:follow-up:survey`)).toBeNull();
    }));

  it('calls back a detractor: a follow-up task for the senior queue', () =>
    withCaseWorld(async (w) => {
      const customer = customerProfile({ email: null, phone: '+33698765432', smsOptIn: true });
      const caseId = await resolvedCase(w, customer, 'sms');
      const [sent] = await w.waitForEvents(caseId, 'survey-sent');
      expect(sent!.data.channel).toBe('sms');
      await w.send(customer, inboundMessage({ channel: 'sms', text: '2', surveyScore: 2 }));
      const [answered] = await w.waitForEvents(caseId, 'survey-answered');
      expect(answered!.data).toMatchObject({ score: 2, detractor: true });
      const followUp = await eventually(
        () => w.stores.tasks.get(`${caseId}:follow-up:survey`),
        'the follow-up task',
      );
      expect(followUp).toMatchObject({ kind: 'follow-up', queue: 'senior', status: 'queued' });
      await w.waitForStatus(caseId, 'closed');
      await w.settled(caseId);
      expect((await w.stores.customers.get(customer.customerId))?.lastCsat).toBe(2);
    }));

  it('reminds once, then closes after the survey window without an answer', () =>
    withCaseWorld(async (w) => {
      const caseId = await resolvedCase(w, customerProfile());
      await w.waitForEvents(caseId, 'survey-sent');
      await w.sleep(25 * hour);
      await w.waitForEvents(caseId, 'survey-reminder');
      await w.settled(caseId);
      expect((await w.outbox(caseId)).map((m) => m.kind)).toContain('survey-reminder');
      await w.sleep(48 * hour);
      await w.waitForEvents(caseId, 'survey-expired');
      await w.waitForStatus(caseId, 'closed');
      await w.settled(caseId);
      expect((await w.types(caseId)).filter((t) => t === 'survey-reminder')).toHaveLength(1);
    }));

  it('does not text a customer without SMS consent and no email: no survey at all', () =>
    withCaseWorld(async (w) => {
      const customer = customerProfile({ email: null, phone: '+33600000000', smsOptIn: false });
      const caseId = await resolvedCase(w, customer, 'sms');
      await w.waitForStatus(caseId, 'closed');
      await w.settled(caseId);
      expect(await w.types(caseId)).not.toContain('survey-sent');
      expect((await w.outbox(caseId)).map((m) => m.kind)).not.toContain('survey');
    }));
});

describe('closure and reopen', () => {
  it('reopens the same case when the customer writes within the window', () =>
    withCaseWorld(async (w) => {
      const customer = customerProfile();
      const caseId = await resolvedCase(w, customer);
      await w.sleep(80 * hour); // past the survey window: closed
      await w.waitForStatus(caseId, 'closed');
      await w.sleep(2 * day);
      const reply = inboundMessage({
        channel: 'email',
        text: 'Le remboursement n’est pas arrivé.',
      });
      expect(await w.send(customer, reply)).toBe(caseId);
      await w.waitForEvents(caseId, 'reopened');
      const state = await w.waitForStatus(caseId, 'queued');
      await w.settled(caseId);
      expect(state.reopenCount).toBe(1);
      expect(state.messages).toHaveLength(2);
      expect(state.assignee).toBeNull();
      const acks = (await w.outbox(caseId)).filter((m) => m.kind === 'acknowledgement');
      expect(acks).toHaveLength(2);
      expect((await w.stores.tasks.get(caseId))?.status).toBe('queued');
    }));

  it('opens a new case linked to the old one after the window', () =>
    withCaseWorld(async (w) => {
      const customer = customerProfile();
      const oldCase = await resolvedCase(w, customer);
      await w.sleep(80 * hour + 7 * day + hour);
      await eventually(async () => {
        const d = await w.caseHandle(oldCase).describe();
        return d.status.name === 'COMPLETED';
      }, 'the old case workflow to complete');
      await eventually(
        async () => (await w.openCases(customer.customerId)).length === 0,
        'the customer workflow to forget the old case',
      );
      const newCase = await w.send(
        customer,
        inboundMessage({ channel: 'email', text: 'Le remboursement n’est jamais arrivé.' }),
      );
      expect(newCase).not.toBe(oldCase);
      const state = await w.waitForStatus(newCase, 'queued');
      expect(state.linkedCaseId).toBe(oldCase);
      const [opened] = await w.waitForEvents(newCase, 'case-opened');
      expect(opened!.data.linkedCaseId).toBe(oldCase);
    }));
});

describe('agent reopen', () => {
  it('lets an agent reopen a closed case within the window, and not an open one', () =>
    withCaseWorld(async (w) => {
      const caseId = await resolvedCase(w, customerProfile());
      const h = w.caseHandle(caseId);
      await w.sleep(80 * hour);
      await w.waitForStatus(caseId, 'closed');
      await h.executeUpdate(reopenUpdate, {
        args: [{ agentId: 'ana', reason: 'refund bounced' }],
      });
      const reopened = await w.waitForStatus(caseId, 'queued');
      expect(reopened.reopenCount).toBe(1);
      const [event] = await w.waitForEvents(caseId, 'reopened');
      expect(event!.data).toMatchObject({ by: 'agent', agentId: 'ana' });
      await expect(
        h.executeUpdate(reopenUpdate, { args: [{ agentId: 'ana', reason: 'again' }] }),
      ).rejects.toThrow();
    }));
});
