import type { Db } from 'mongodb';
import { OutboxStore } from '../store/outbox';
import { mailStores } from './mailStores';
import { outboundMessageId } from './mailThreading';

export interface MailThread {
  /** The customer's latest mail in the case, else our latest one. */
  inReplyTo: string | null;
  /** The case's mails both ways, oldest first (RFC 5322 §3.6.4), the newest 20. */
  references: string[];
  /** The subject of the customer's first mail in the case, which our replies answer. */
  subject: string | null;
}

const maxReferences = 20;

/** The threading headers of a mail about `caseId`, from its earlier mails both ways. */
export async function outboundThread(
  db: Db,
  caseId: string,
  domain: string,
  exceptKey: string,
): Promise<MailThread> {
  const [theirs, ours] = await Promise.all([
    mailStores(db).inbound.forCase(caseId),
    new OutboxStore(db).forCase(caseId),
  ]);
  const mails = [
    ...theirs.map((m) => ({ id: m.messageId, at: m.receivedAt.getTime(), customer: true })),
    ...ours
      .filter((m) => m.sentAt && m._id !== exceptKey)
      .map((m) => ({
        id: outboundMessageId(m._id, domain),
        at: m.sentAt!.getTime(),
        customer: false,
      })),
  ].sort((a, b) => a.at - b.at);
  const last = mails.filter((m) => m.customer).at(-1) ?? mails.at(-1);
  return {
    inReplyTo: last?.id ?? null,
    references: mails.map((m) => m.id).slice(-maxReferences),
    subject: theirs.find((m) => m.subject.trim())?.subject ?? null,
  };
}
