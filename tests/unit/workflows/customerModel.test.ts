import { describe, expect, it } from 'vitest';
import { CustomerModel, recentMessageLimit } from '../../../workflows/customer/customerModel';
import { customerProfile, inboundMessage } from '../../support/messages';

const fresh = () =>
  new CustomerModel({
    customer: customerProfile(),
    openCases: [],
    recentMessages: [],
    recentlyClosed: [],
    historyEventBudget: 5000,
  });

describe('CustomerModel threading', () => {
  it('opens a new case when there is none', () => {
    expect(fresh().route(inboundMessage())).toEqual({ kind: 'new' });
  });

  it('threads into the single open case, whatever the channel', () => {
    const m = fresh();
    m.openCase('case-1', inboundMessage({ channel: 'email' }));
    expect(m.route(inboundMessage({ channel: 'phone' }))).toEqual({
      kind: 'existing',
      caseId: 'case-1',
      reason: 'single-open-case',
    });
  });

  it('follows an explicit reference among several open cases', () => {
    const m = fresh();
    m.openCase('case-1', inboundMessage({ caseRef: 'thread-a' }));
    m.openCase('case-2', inboundMessage({ caseRef: 'thread-b' }));
    expect(m.route(inboundMessage({ caseRef: 'thread-b' }))).toMatchObject({ caseId: 'case-2' });
    expect(m.route(inboundMessage({ caseRef: 'case-1' }))).toMatchObject({ caseId: 'case-1' });
    expect(m.route(inboundMessage())).toEqual({ kind: 'new' });
  });

  it('recognises the short reference quoted from the acknowledgement', () => {
    const m = fresh();
    m.openCase('a1b2c3d4-0000-4000-8000-000000000000', inboundMessage());
    m.openCase('ffffffff-0000-4000-8000-000000000000', inboundMessage());
    expect(m.route(inboundMessage({ caseRef: 'a1b2c3d4' }))).toMatchObject({
      caseId: 'a1b2c3d4-0000-4000-8000-000000000000',
      reason: 'reference',
    });
  });

  it('ignores a message id it has already threaded', () => {
    const m = fresh();
    const msg = inboundMessage();
    m.remember(msg.messageId, 'case-1');
    expect(m.route(msg)).toEqual({ kind: 'duplicate', caseId: 'case-1' });
  });

  it('forgets closed cases', () => {
    const m = fresh();
    m.openCase('case-1', inboundMessage());
    m.closeCase('case-1');
    expect(m.route(inboundMessage())).toEqual({ kind: 'new' });
  });

  it('bounds the remembered message ids and carries them across continue-as-new', () => {
    const m = fresh();
    for (let i = 0; i < recentMessageLimit + 10; i += 1) m.remember(`m${i}`, 'case-1');
    const carried = m.carry();
    expect(carried.recentMessages).toHaveLength(recentMessageLimit);
    expect(carried.recentMessages[0]![0]).toBe('m10');
    const next = new CustomerModel(carried);
    expect(next.caseFor(`m${recentMessageLimit + 9}`)).toBe('case-1');
    expect(next.caseFor('m0')).toBeNull();
  });
});
