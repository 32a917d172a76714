import { describe, expect, it } from 'vitest';
import { CaseModel } from '../../../workflows/case/caseModel';
import { customerProfile, inboundMessage } from '../../support/messages';

const opened = new Date('2026-11-20T10:00:00Z');
const fresh = () =>
  new CaseModel(
    {
      caseId: 'case-1',
      customerWorkflowId: 'customer-1',
      customer: customerProfile(),
      firstMessage: inboundMessage({ channel: 'email' }),
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
    expect(() => c.reply('ana', opened)).toThrow(/not claimed by ana/);
  });

  it('marks only the first reply as the first response', () => {
    const c = fresh();
    c.claim('ana');
    expect(c.reply('ana', new Date('2026-11-20T11:00:00Z'))).toBe(true);
    expect(c.reply('ana', new Date('2026-11-20T12:00:00Z'))).toBe(false);
    expect(c.firstResponseAt?.toISOString()).toBe('2026-11-20T11:00:00.000Z');
  });

  it('refuses to resolve twice or to reply once resolved', () => {
    const c = fresh();
    c.claim('ana');
    c.resolve('ana');
    expect(() => c.resolve('ana')).toThrow(/already resolved/);
    expect(() => c.reply('ana', opened)).toThrow(/cannot reply/);
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
});
