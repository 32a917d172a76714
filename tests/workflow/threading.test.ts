import { describe, expect, it } from 'vitest';
import { withCaseWorld } from '../support/caseWorld';
import { customerProfile, inboundMessage } from '../support/messages';
import { eventually } from '../support/relaisWorker';

describe('threading messages into cases', () => {
  it('keeps one case across an email → phone channel switch, with the whole history', () =>
    withCaseWorld(async (w) => {
      const customer = customerProfile({ phone: '+33612345678' });
      const email = inboundMessage({ channel: 'email', subject: 'Colis endommagé' });
      const caseId = await w.send(customer, email);
      await w.waitForStatus(caseId, 'queued');
      const call = inboundMessage({
        channel: 'phone',
        subject: null,
        text: 'IVR: livraison. Je vous ai envoyé un mail hier avec la photo du colis cassé.',
      });
      expect(await w.send(customer, call)).toBe(caseId);

      const [sw] = await w.waitForEvents(caseId, 'channel-switch');
      expect(sw!.data).toMatchObject({ from: 'email', to: 'phone' });
      const state = await w.state(caseId);
      expect(state.channels).toEqual(['email', 'phone']);
      expect(state.messages.map((m) => m.messageId)).toEqual([email.messageId, call.messageId]);
      expect(await w.openCases(customer.customerId)).toHaveLength(1);
      const task = await eventually(async () => {
        const t = await w.stores.tasks.get(caseId);
        return t?.channel === 'phone' && t;
      }, 'the task to show the phone channel');
      expect(task.caseId).toBe(caseId);
    }));

  it('opens exactly one case for two messages that arrive at once on two channels', () =>
    withCaseWorld(async (w) => {
      const customer = customerProfile();
      const [a, b] = [inboundMessage({ channel: 'chat' }), inboundMessage({ channel: 'email' })];
      const [caseA, caseB] = await Promise.all([w.send(customer, a), w.send(customer, b)]);
      expect(caseA).toBe(caseB);
      expect(await w.openCases(customer.customerId)).toHaveLength(1);
      const state = await eventually(async () => {
        const s = await w.state(caseA);
        return s.messages.length === 2 && s;
      }, 'both messages in the case');
      expect(state.messages.map((m) => m.channel).sort()).toEqual(['chat', 'email']);
    }));

  it('ignores a message it has already received', () =>
    withCaseWorld(async (w) => {
      const customer = customerProfile();
      const message = inboundMessage();
      const caseId = await w.send(customer, message);
      await w.waitForStatus(caseId, 'queued');
      expect(await w.send(customer, message)).toBe(caseId);
      expect(await w.send(customer, { ...message, channel: 'email' })).toBe(caseId);
      await w.settled(caseId, customer.customerId);
      const state = await w.state(caseId);
      expect(state.messages).toHaveLength(1);
      expect(await w.types(caseId)).not.toContain('message-received');
      expect(await w.stores.outbox.forCase(caseId)).toHaveLength(1);
    }));

  it('continues as new before its history grows too long and keeps the open cases', () =>
    withCaseWorld(async (w) => {
      const customer = customerProfile();
      const budget = 60;
      const firstMessage = inboundMessage();
      const caseId = await w.send(customer, firstMessage, budget);
      await w.waitForStatus(caseId, 'queued');
      const handle = w.customer(customer.customerId);
      const firstRun = (await handle.describe()).runId;
      for (let i = 0; i < 12; i += 1)
        expect(await w.send(customer, inboundMessage({ channel: 'email' }), budget)).toBe(caseId);
      const run = await eventually(async () => {
        const d = await handle.describe();
        return d.runId !== firstRun && d.status.name === 'RUNNING' && d;
      }, 'a continued-as-new run');
      expect(run.runId).not.toBe(firstRun);
      // The new run still knows the open case and the messages it has seen.
      expect(await w.openCases(customer.customerId)).toEqual([expect.objectContaining({ caseId })]);
      expect(await w.send(customer, inboundMessage({ channel: 'chat' }), budget)).toBe(caseId);
      expect(await w.send(customer, firstMessage, budget)).toBe(caseId);
      await w.settled(caseId, customer.customerId);
      const state = await w.state(caseId);
      expect(state.messages).toHaveLength(14);
    }));
});

describe('decisions that change with the conversation', () => {
  it('decides again when a later message is angry, and records the re-decision', () =>
    withCaseWorld(async (w) => {
      const customer = customerProfile();
      const caseId = await w.send(
        customer,
        inboundMessage({ channel: 'email', subject: 'Question', text: 'Bonjour, une question.' }),
      );
      const before = await w.waitForStatus(caseId, 'queued');
      await w.send(
        customer,
        inboundMessage({
          channel: 'email',
          subject: 'Re: Question',
          text: 'Cela fait cinq jours sans réponse. C’est inadmissible, je vais saisir le médiateur.',
        }),
      );
      const [redecided] = await w.waitForEvents(caseId, 'redecided');
      const change = redecided!.data.changes as { priority: { from: number; to: number } };
      expect(change.priority.from).toBe(before.priority);
      expect(change.priority.to).toBeLessThan(before.priority!);
      const after = await w.state(caseId);
      expect(after.priority).toBe(change.priority.to);
      // The promise made to the customer stands.
      expect(after.dueAt).toBe(before.dueAt);
    }));
});
