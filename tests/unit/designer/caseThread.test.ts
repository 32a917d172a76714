import { describe, expect, it } from 'vitest';
import {
  buildThread,
  type SentMessage,
  type ThreadItem,
} from '../../../designer/src/lib/components/thread/thread';
import type { InboundMessage } from '../../../workflows/contracts/messages';
import type { TimelineEvent } from '../../../workflows/contracts/timeline';

const message = (id: string, channel: 'email' | 'sms', at: string): InboundMessage => ({
  messageId: id,
  channel,
  receivedAt: at,
  lang: 'fr',
  subject: channel === 'email' ? 'Colis' : null,
  text: `texte ${id}`,
  caseRef: null,
  category: null,
  callbackRequested: false,
  callbackAt: null,
  surveyScore: null,
});

let n = 0;
const event = (type: TimelineEvent['type'], at: string, data: Record<string, unknown> = {}) =>
  ({ key: `k${(n += 1)}`, customerId: 'c1', caseId: 'case1', type, at, data }) as TimelineEvent;

const sent = (key: string, text: string, sentAt: string | null): SentMessage => ({
  key,
  channel: 'sms',
  kind: 'reply',
  to: '+33600000000',
  text,
  status: sentAt ? 'delivered' : 'pending',
  deliveryReason: null,
  sentAt,
});

const shape = (items: ThreadItem[]) =>
  items.map((i) =>
    i.kind === 'events' ? `events:${i.events.map((e) => e.type).join('+')}` : `${i.kind}:${i.key}`,
  );

describe('the case thread', () => {
  const email = message('m1', 'email', '2026-12-02T09:00:00Z');
  const sms = message('m2', 'sms', '2026-12-02T10:00:00.000Z');
  const timeline = [
    event('case-opened', '2026-12-02T09:00:00.000Z'),
    event('message-received', '2026-12-02T09:00:00.000Z', { channel: 'email' }),
    event('decided', '2026-12-02T09:00:01.000Z'),
    event('task-created', '2026-12-02T09:00:02.000Z'),
    event('claimed', '2026-12-02T09:30:00.000Z', { agentId: 'agent' }),
    event('replied', '2026-12-02T09:40:00.000Z', {
      agentId: 'agent',
      channel: 'sms',
      text: 'Bonjour',
    }),
    event('channel-switch', '2026-12-02T10:00:00.000Z', { from: 'email', to: 'sms' }),
    event('message-received', '2026-12-02T10:00:00.000Z', { channel: 'sms' }),
    event('note', '2026-12-02T10:05:00.000Z', { agentId: 'agent', text: 'Relancé' }),
  ];

  it('merges messages, replies, notes and runs of system events in time order', () => {
    const items = buildThread(
      [sms, email],
      [sent('o1', 'Bonjour', '2026-12-02T09:40:01.000Z')],
      timeline,
    );
    expect(shape(items)).toEqual([
      'customer:m1',
      'events:case-opened+decided+task-created+claimed',
      'sent:o1',
      'customer:m2',
      `note:${timeline[8]!.key}`,
    ]);
  });

  it('marks the message that switched channel, and names who sent a reply', () => {
    const items = buildThread([email, sms], [sent('o1', 'Bonjour', null)], timeline);
    const customers = items.filter((i) => i.kind === 'customer');
    expect(customers.map((c) => c.switchedFrom)).toEqual([null, 'email']);
    const reply = items.find((i) => i.kind === 'sent');
    // Pending at the outbox, it takes its place from the event that recorded it.
    expect(reply).toMatchObject({ author: 'agent', at: '2026-12-02T09:40:00.000Z' });
    expect(items.find((i) => i.kind === 'note')).toMatchObject({
      author: 'agent',
      text: 'Relancé',
    });
  });

  it('puts an unrecorded pending message last, and keeps an outgoing event without its message', () => {
    const items = buildThread([email], [sent('o2', 'Autre texte', null)], timeline.slice(0, 6));
    expect(shape(items)).toEqual([
      'customer:m1',
      'events:case-opened+decided+task-created+claimed+replied',
      'sent:o2',
    ]);
    expect(items.at(-1)).toMatchObject({ author: null, at: null });
  });

  it('pairs each of two identical replies with its own event', () => {
    const again = event('replied', '2026-12-02T11:00:00.000Z', {
      agentId: 'agent2',
      channel: 'sms',
      text: 'Bonjour',
    });
    const items = buildThread(
      [],
      [sent('o1', 'Bonjour', '2026-12-02T09:40:01.000Z'), sent('o3', 'Bonjour', null)],
      [timeline[5]!, again],
    );
    expect(items.map((i) => (i.kind === 'sent' ? i.author : i.kind))).toEqual(['agent', 'agent2']);
  });
});
