import type { Channel } from '../../../../../rules/model/channel';
import type { InboundMessage } from '../../../../../workflows/contracts/messages';
import type { TimelineEvent } from '../../../../../workflows/contracts/timeline';
import type { OutboxDoc } from '../../../../../worker/store/documents';

/** What the page needs of one outbox message: plain JSON, no ids but its key. */
export function sentView(m: OutboxDoc) {
  return {
    key: m._id,
    channel: m.channel,
    kind: m.kind,
    to: m.to,
    text: m.text,
    status: m.status,
    deliveryReason: m.deliveryReason ?? null,
    sentAt: m.sentAt?.toISOString() ?? null,
  };
}
export type SentMessage = ReturnType<typeof sentView>;

/** One line of the conversation, oldest first. */
export type ThreadItem =
  | {
      kind: 'customer';
      key: string;
      at: string;
      message: InboundMessage;
      /** The channel of the customer's previous message, when this one came on another. */
      switchedFrom: Channel | null;
    }
  | { kind: 'sent'; key: string; at: string | null; sent: SentMessage; author: string | null }
  | { kind: 'note'; key: string; at: string; author: string | null; text: string }
  /** System events in a row, shown as one collapsed line. */
  | { kind: 'events'; key: string; at: string; events: TimelineEvent[] };

type Single =
  Exclude<ThreadItem, { kind: 'events' }> | { kind: 'event'; at: string; event: TimelineEvent };

/** Events the thread shows as the customer's messages themselves (and their channel switch). */
const asMessages = new Set<string>(['message-received', 'channel-switch']);
/** Events recording something the outbox holds: they name who sent it. */
const outgoing = new Set<string>(['replied', 'acknowledged', 'formal-answer-sent']);

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const time = (at: string | null) => (at === null ? Number.POSITIVE_INFINITY : Date.parse(at));

/**
 * Merges the customer's messages, what was sent to them (the outbox, with delivery status) and
 * the case's timeline into one chronological thread. A sent message takes its time and author
 * from the timeline event that recorded it (same channel and text); one still pending and
 * unrecorded goes last. An outgoing event without its outbox message stays a system event, so
 * nothing is lost.
 */
export function buildThread(
  messages: InboundMessage[],
  sent: SentMessage[],
  timeline: TimelineEvent[],
): ThreadItem[] {
  const singles: Single[] = [];
  let previous: Channel | null = null;
  for (const message of [...messages].sort((a, b) => time(a.receivedAt) - time(b.receivedAt))) {
    const switchedFrom: Channel | null =
      previous !== null && previous !== message.channel ? previous : null;
    singles.push({
      kind: 'customer',
      key: message.messageId,
      at: message.receivedAt,
      message,
      switchedFrom,
    });
    previous = message.channel;
  }

  const recorded = new Set<TimelineEvent>();
  for (const m of sent) {
    const event = timeline.find(
      (e) =>
        outgoing.has(e.type) &&
        !recorded.has(e) &&
        str(e.data.channel) === m.channel &&
        str(e.data.text) === m.text,
    );
    if (event) recorded.add(event);
    singles.push({
      kind: 'sent',
      key: m.key,
      at: event?.at ?? m.sentAt,
      sent: m,
      author: event ? str(event.data.agentId) : null,
    });
  }

  for (const event of timeline) {
    if (recorded.has(event) || asMessages.has(event.type)) continue;
    if (event.type === 'note')
      singles.push({
        kind: 'note',
        key: event.key,
        at: event.at,
        author: str(event.data.agentId),
        text: str(event.data.text) ?? '',
      });
    else singles.push({ kind: 'event', at: event.at, event });
  }

  // A stable sort: at the same instant, the customer's message comes before what answers it.
  const ordered = singles
    .map((item, index) => ({ item, index }))
    .sort((a, b) => time(a.item.at) - time(b.item.at) || a.index - b.index)
    .map(({ item }) => item);

  const thread: ThreadItem[] = [];
  for (const item of ordered) {
    if (item.kind !== 'event') {
      thread.push(item);
      continue;
    }
    const last = thread.at(-1);
    if (last?.kind === 'events') last.events.push(item.event);
    else thread.push({ kind: 'events', key: item.event.key, at: item.at, events: [item.event] });
  }
  return thread;
}
