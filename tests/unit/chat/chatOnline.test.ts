import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../../rules/calendar/defaultCalendar';
import { chatOnline, type ChatAgent } from '../../../worker/chat/chatOnline';

// Wednesday 2026-06-10, 10:00 and 22:00 in Paris (UTC+2).
const open = new Date('2026-06-10T08:00:00Z');
const closed = new Date('2026-06-10T20:00:00Z');
const ana: ChatAgent = {
  id: 'ana',
  enabled: true,
  queues: ['general'],
  capacity: { voice: 1, chat: 3, email: 10 },
};
const base = {
  queueId: 'general',
  calendar: defaultCalendar,
  now: open,
  agents: [ana],
  presence: [{ agentId: 'ana', presence: 'available' as const }],
};

describe('chat online', () => {
  it('is online in business hours with an Available agent who serves the queue and takes chats', () => {
    expect(chatOnline(base)).toBe(true);
  });

  it('is offline outside the queue calendar, even with agents Available', () => {
    expect(chatOnline({ ...base, now: closed })).toBe(false);
  });

  it('is offline when the agent is away, offline, unknown to the router or no router runs', () => {
    expect(chatOnline({ ...base, presence: [{ agentId: 'ana', presence: 'away' }] })).toBe(false);
    expect(chatOnline({ ...base, presence: [{ agentId: 'ana', presence: 'offline' }] })).toBe(
      false,
    );
    expect(chatOnline({ ...base, presence: [] })).toBe(false);
    expect(chatOnline({ ...base, presence: null })).toBe(false);
  });

  it('is offline when the Available agent serves another queue, takes no chats or is disabled', () => {
    expect(chatOnline({ ...base, agents: [{ ...ana, queues: ['billing'] }] })).toBe(false);
    expect(
      chatOnline({ ...base, agents: [{ ...ana, capacity: { ...ana.capacity, chat: 0 } }] }),
    ).toBe(false);
    expect(chatOnline({ ...base, agents: [{ ...ana, enabled: false }] })).toBe(false);
  });
});
