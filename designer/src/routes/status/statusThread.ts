import type { OutboxDoc } from '$worker/store/documents';
import type { InboundMessage } from '$workflows/contracts/messages';

/** One message of the customer's thread: theirs, or what we sent them. */
export interface ThreadItem {
  id: string;
  from: 'customer' | 'us';
  at: string | null;
  subject: string | null;
  text: string;
}

/**
 * What the customer may read of their case: their own messages and what was sent to them,
 * oldest first. Built from those two alone, so internal notes and anything about other
 * customers never reach it; survey scores given on the page are not messages to show.
 */
export function customerThread(
  messages: readonly InboundMessage[],
  sent: readonly OutboxDoc[],
): ThreadItem[] {
  const theirs: ThreadItem[] = messages
    .filter((m) => m.surveyScore === null)
    .map((m) => ({
      id: m.messageId,
      from: 'customer',
      at: m.receivedAt,
      subject: m.subject,
      text: m.text,
    }));
  const ours: ThreadItem[] = sent.map((m) => ({
    id: m._id,
    from: 'us',
    at: m.sentAt?.toISOString() ?? null,
    subject: null,
    text: m.text,
  }));
  // Not yet sent comes last, in the order it was written.
  return [...theirs, ...ours].sort((a, b) => (a.at ?? '~').localeCompare(b.at ?? '~'));
}
