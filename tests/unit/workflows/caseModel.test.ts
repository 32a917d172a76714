import { describe, expect, it } from 'vitest';
import { CaseModel } from '../../../workflows/case/caseModel';
import { customerProfile, inboundMessage } from '../../support/messages';

const opened = new Date('2026-11-20T10:00:00Z');
const fresh = (phone: string | null = '+33612345678') =>
  new CaseModel(
    {
      caseId: 'case-1',
      customerWorkflowId: 'customer-1',
      customer: customerProfile({ phone }),
      firstMessage: inboundMessage({ channel: 'email' }),
      linkedCaseId: null,
    },
    opened,
  );

describe('CaseModel transitions', () => {
  it('lets exactly one agent claim', () => {
    const c = fresh();
    c.claim('ana');
    expect(() => c.claim('bob')).toThrow(/already claimed by ana/);
    expect(() => c.claim('ana')).toThrow(/already yours/);
    expect(c.status).toBe('assigned');
  });

  it('rejects a reply from an agent who has not claimed the case', () => {
    const c = fresh();
    expect(() => c.reply('ana', opened, false)).toThrow(/not claimed by ana/);
  });

  it('marks only the first reply as the first response', () => {
    const c = fresh();
    c.claim('ana');
    expect(c.reply('ana', new Date('2026-11-20T11:00:00Z'), false)).toBe(true);
    expect(c.reply('ana', new Date('2026-11-20T12:00:00Z'), true)).toBe(false);
    expect(c.firstResponseAt?.toISOString()).toBe('2026-11-20T11:00:00.000Z');
  });

  it('refuses to resolve twice or to reply once resolved', () => {
    const c = fresh();
    c.claim('ana');
    c.resolve('ana');
    expect(() => c.resolve('ana')).toThrow(/already resolved/);
    expect(() => c.reply('ana', opened, false)).toThrow(/cannot reply/);
  });

  it('records channel switches and ignores duplicate messages', () => {
    const c = fresh();
    const phone = inboundMessage({ channel: 'phone' });
    expect(c.addMessage(phone)).toEqual({ duplicate: false, switchedFrom: 'email' });
    expect(c.addMessage(phone)).toEqual({ duplicate: true, switchedFrom: null });
    expect(c.channels).toEqual(['email', 'phone']);
    expect(c.channel).toBe('phone');
  });

  it('raises priority towards 1 on escalation and never past it', () => {
    const c = fresh();
    c.priority = 2;
    c.queue = 'billing';
    c.escalate(1, null);
    expect([c.priority, c.queue, c.escalationLevel]).toEqual([1, 'billing', 1]);
    c.escalate(2, 'escalations');
    expect([c.priority, c.queue, c.escalationLevel]).toEqual([1, 'escalations', 2]);
  });

  it('bumps the projection sequence on every visible change', () => {
    const c = fresh();
    const before = c.seq;
    c.claim('ana');
    expect(c.seq).toBeGreaterThan(before);
  });

  it('pauses for the customer after a reply that asks them something', () => {
    const c = fresh();
    c.claim('ana');
    c.reply('ana', opened, true);
    expect(c.status).toBe('waiting-on-customer');
    expect(c.task(opened)).toBeNull();
    c.customerAnswered();
    expect(c.status).toBe('assigned');
  });

  it('transfers to a queue (unassigned) or to an agent, only by the assignee', () => {
    const c = fresh();
    c.claim('ana');
    expect(() => c.transfer('bob', 'billing')).toThrow(/claimed by ana/);
    c.transfer('ana', 'billing');
    expect([c.queue, c.assignee, c.status]).toEqual(['billing', null, 'queued']);
    c.transfer('carl', undefined, 'dora');
    expect([c.queue, c.assignee, c.status]).toEqual(['billing', 'dora', 'assigned']);
  });

  it('retries a missed callback per policy, then fails it', () => {
    const c = fresh();
    const policy = { missedAfterMinutes: 15, retryAfterMinutes: 30, maxAttempts: 2 };
    const id = c.scheduleCallback(opened, 'asap');
    expect(c.nextCallbackDeadline(policy)?.at.toISOString()).toBe('2026-11-20T10:15:00.000Z');
    expect(c.callbackAttemptFailed(id, new Date('2026-11-20T10:15:00Z'), policy)).toBe('scheduled');
    expect(c.nextCallbackDeadline(policy)?.at.toISOString()).toBe('2026-11-20T11:00:00.000Z');
    expect(c.callbackAttemptFailed(id, new Date('2026-11-20T11:00:00Z'), policy)).toBe('failed');
    expect(c.nextCallbackDeadline(policy)).toBeNull();
    expect(() => c.assertCanReportCallback('ana', id)).toThrow(/already failed/);
  });

  it('needs a phone number to schedule a callback', () => {
    expect(() => fresh(null).scheduleCallback(opened, 'asap')).toThrow(/no phone number/);
  });

  it('counts a reached callback as the first response', () => {
    const c = fresh();
    const id = c.scheduleCallback(opened, 'asap');
    expect(c.callbackReached(id, new Date('2026-11-20T10:05:00Z'))).toBe(true);
    expect(c.firstResponseAt?.toISOString()).toBe('2026-11-20T10:05:00.000Z');
  });

  it('leaves scheduled callbacks to the caller of resolve, which cancels or keeps them', () => {
    const c = fresh();
    const due = c.scheduleCallback(opened, 'asap');
    const done = c.scheduleCallback(opened, 'at 2 pm');
    c.callbackReached(done, opened);
    c.claim('ana');
    c.resolve('ana');
    expect(c.hasScheduledCallback()).toBe(true);
    expect(c.endScheduledCallbacks('cancelled')).toEqual([due]);
    expect(c.callbacks.map((cb) => cb.status)).toEqual(['cancelled', 'completed']);
    expect(c.endScheduledCallbacks('cancelled')).toEqual([]);
    expect(() => c.assertCanReportCallback('ana', due)).toThrow(/already cancelled/);
  });

  it('refuses a callback time in the past with its code, and takes the current minute', () => {
    const c = fresh();
    const now = new Date('2026-11-20T10:00:30Z');
    expect(() => c.assertCallbackTime(new Date('2026-11-20T10:00:00Z'), now)).not.toThrow();
    let failure: unknown;
    try {
      c.assertCallbackTime(new Date('2026-11-20T09:58:00Z'), now);
    } catch (err) {
      failure = err;
    }
    expect(failure).toMatchObject({
      type: 'InvalidTransition',
      details: [
        { code: 'callback.inPast', at: '2026-11-20T09:58:00.000Z', now: now.toISOString() },
      ],
    });
  });

  it('pins the rule set version of the first decision', () => {
    const c = fresh();
    const decision = (ruleSetVersion: number) =>
      ({ priority: 3, queue: 'general', ruleSetVersion }) as Parameters<
        CaseModel['applyDecision']
      >[0];
    expect(c.ruleSetVersion).toBeNull();
    c.applyDecision(decision(1));
    c.applyDecision(decision(2));
    expect(c.ruleSetVersion).toBe(1);
  });

  it('reopens only a case that is no longer with the agents, and starts it afresh', () => {
    const c = fresh();
    expect(() => c.reopen()).toThrow(/is open/);
    c.claim('ana');
    c.reply('ana', opened, false);
    c.resolve('ana');
    c.reopen();
    expect([c.status, c.assignee, c.firstResponseAt, c.reopenCount]).toEqual([
      'reopened',
      null,
      null,
      1,
    ]);
  });

  it('takes a stricter priority from a re-decision but keeps the promise', () => {
    const c = fresh();
    c.priority = 3;
    c.queue = 'general';
    const decision = { priority: 1, queue: 'general' } as Parameters<
      CaseModel['applyRedecision']
    >[0];
    expect(c.applyRedecision(decision)).toEqual({ priority: { from: 3, to: 1 } });
    expect(c.applyRedecision({ ...decision, priority: 4 })).toEqual({});
    expect(c.priority).toBe(1);
  });
});
