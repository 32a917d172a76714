import { describe, expect, it } from 'vitest';
import { firstName, lastReplyAt, typingAgent } from '../../../worker/chat/chatTyping';
import { chatVisitorViewer } from '../../../worker/store/caseViewers';

const at = (iso: string) => new Date(iso);

describe('chat typing', () => {
  it('names an agent by their first name only', () => {
    expect(firstName('Ana Costa')).toBe('Ana');
    expect(firstName('  Chloé   Bernard ')).toBe('Chloé');
    expect(firstName('Priya')).toBe('Priya');
  });

  it('shows an agent typing until the reply we sent lands', () => {
    const typists = [{ userId: 'agent', typedAt: at('2026-12-02T10:00:05Z') }];
    expect(typingAgent(typists, null)).toBe('agent');
    expect(typingAgent(typists, '2026-12-02T10:00:00Z')).toBe('agent');
    expect(typingAgent(typists, '2026-12-02T10:00:07Z')).toBeNull();
  });

  it('takes the time of the last reply sent, not of the customer messages', () => {
    expect(lastReplyAt([])).toBeNull();
    expect(
      lastReplyAt([
        { from: 'us', at: '2026-12-02T10:00:03Z' },
        { from: 'customer', at: '2026-12-02T10:00:09Z' },
        { from: 'us', at: '2026-12-02T10:00:07Z' },
        { from: 'us', at: null },
      ]),
    ).toBe('2026-12-02T10:00:07Z');
  });

  it('never takes the visitor for an agent', () => {
    const typists = [
      { userId: chatVisitorViewer, typedAt: at('2026-12-02T10:00:05Z') },
      { userId: 'lucas', typedAt: at('2026-12-02T10:00:01Z') },
    ];
    expect(typingAgent(typists, null)).toBe('lucas');
    expect(typingAgent(typists.slice(0, 1), null)).toBeNull();
  });
});
