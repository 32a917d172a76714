import type { Client } from '@temporalio/client';
import { simpleParser, type HeaderValue, type ParsedMail } from 'mailparser';
import { createHash } from 'node:crypto';
import type { Db } from 'mongodb';
import { handleInbound } from '../inbound/handleInbound';
import { ApiTokenStore } from '../store/apiTokens';
import { CustomerStore } from '../store/customers';
import { OutboxStore } from '../store/outbox';
import { attachmentRefusal, type AttachmentLimits } from './attachmentPolicy';
import { automaticReason } from './automaticMail';
import { inboundMailId, type InboundMailDoc, type MailAttachmentRef } from './inboundMails';
import { caseRefInSubject, outboxKeyOf, referencedIds } from './mailThreading';
import { mailStores } from './mailStores';
import { newText } from './quotedHistory';

export interface MailIntakeDeps {
  db: Db;
  client: Client;
  taskQueue: string;
  phoneCountry: string;
  maxInFlight: number;
  attachments: AttachmentLimits;
}

export interface SmtpEnvelope {
  /** MAIL FROM; empty for a bounce. */
  from: string;
  to: string[];
}

/** What to answer the sending server: 250, or a code it acts on (4xx: retry later). */
export type MailOutcome =
  | { accepted: true; mailId: string; status: InboundMailDoc['status']; caseId: string | null }
  | { accepted: false; code: 451 | 550; message: string };

const noCredentials = { authorization: null, signature: null, timestamp: null };
/** The inbound request's limits (worker/inbound/schemas.ts). */
const maxText = 20_000;
const maxSubject = 300;
const maxMessageId = 200;

const headerText = (value: HeaderValue | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined;

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/**
 * One mail from the SMTP receiver, through the webhook's own path (handleInbound, email channel):
 * threading, customer identity, rules and the promise all apply. It is recorded first, with its
 * attachments, and answered 250 only once its case has it; a server down answers 451, so the
 * sender retries and nothing is lost. Autoresponders and bounces are recorded, never answered.
 */
export async function acceptMail(
  deps: MailIntakeDeps,
  raw: Buffer,
  envelope: SmtpEnvelope,
): Promise<MailOutcome> {
  const parsed = await simpleParser(raw, { skipHtmlToText: false, skipTextToHtml: true });
  const fromAddress = (parsed.from?.value[0]?.address ?? envelope.from).toLowerCase();
  const messageId = parsed.messageId ?? `<${sha256(raw).slice(0, 32)}@relais.invalid>`;
  const mailId = inboundMailId(fromAddress, messageId);
  const stores = mailStores(deps.db);
  const known = await stores.inbound.get(mailId);
  // A sender retrying a mail we already took (our 250 was lost) gets the same answer again.
  if (known?.status === 'refused') return { accepted: false, code: 550, message: 'mail refused' };
  if (known && known.status !== 'received')
    return { accepted: true, mailId, status: known.status, caseId: known.caseId };

  const attachments = await storeAttachments(deps, mailId, parsed);
  const automatic = automaticReason({
    header: (name) => headerText(parsed.headers.get(name)),
    from: fromAddress,
    envelopeFrom: envelope.from,
  });
  const threadCase = await caseOfThread(deps.db, parsed);
  const subject = (parsed.subject ?? '').trim();
  const fullText = parsed.text ?? '';
  const text = newText(fullText);
  await stores.inbound.record({
    _id: mailId,
    messageId,
    from: fromAddress,
    fromName: parsed.from?.value[0]?.name || null,
    to: envelope.to,
    subject,
    text,
    fullText,
    html: parsed.html || null,
    attachments,
    receivedAt: new Date(),
    status: automatic ? 'automatic' : 'received',
    automaticReason: automatic,
    caseId: automatic ? threadCase : null,
    customerId: null,
  });
  if (automatic) return { accepted: true, mailId, status: 'automatic', caseId: threadCase };

  const body = {
    messageId: messageId.length <= maxMessageId ? messageId : `<${sha256(messageId)}@relais>`,
    customer: { email: fromAddress, name: parsed.from?.value[0]?.name || undefined },
    lang: langOf(headerText(parsed.headers.get('content-language'))),
    subject: subject.slice(0, maxSubject) || null,
    text: (text || fullText.trim() || subject || attachmentNames(attachments) || '-').slice(
      0,
      maxText,
    ),
    caseRef: threadCase ?? caseRefInSubject(subject) ?? undefined,
  };
  const outcome = await handleInbound(
    {
      stores: { customers: new CustomerStore(deps.db) },
      client: deps.client,
      taskQueue: deps.taskQueue,
      auth: { open: true, tokens: new ApiTokenStore(deps.db) },
      phoneCountry: deps.phoneCountry,
      maxInFlight: deps.maxInFlight,
    },
    'email',
    JSON.stringify(body),
    noCredentials,
  );
  if (outcome.status === 202) {
    const { caseId, customerId } = outcome.body;
    await stores.inbound.settle(mailId, { status: 'delivered', caseId, customerId });
    return { accepted: true, mailId, status: 'delivered', caseId };
  }
  if (outcome.status === 400 || outcome.status === 404) {
    await stores.inbound.settle(mailId, { status: 'refused', caseId: null, customerId: null });
    return { accepted: false, code: 550, message: `mail refused: ${outcome.body.error}` };
  }
  return { accepted: false, code: 451, message: 'Relais is busy or a server is down: try later' };
}

async function storeAttachments(
  deps: MailIntakeDeps,
  mailId: string,
  parsed: ParsedMail,
): Promise<MailAttachmentRef[]> {
  const { attachments } = mailStores(deps.db);
  const refs: MailAttachmentRef[] = [];
  for (const [i, a] of parsed.attachments.entries()) {
    const contentType = a.contentType.toLowerCase();
    const refused = attachmentRefusal({ size: a.size, contentType }, deps.attachments);
    const fileId = refused ? null : `${mailId}-${i}`;
    const filename = a.filename ?? `attachment-${i + 1}`;
    if (fileId)
      await attachments.put(fileId, mailId, { filename, contentType, content: a.content });
    refs.push({ fileId, filename, contentType, size: a.size, refused });
  }
  return refs;
}

/** The case the mail answers: one of our outgoing mails it names, or a mail of that case. */
async function caseOfThread(db: Db, parsed: ParsedMail): Promise<string | null> {
  const outbox = new OutboxStore(db);
  const { inbound } = mailStores(db);
  for (const id of referencedIds(parsed.inReplyTo, parsed.references)) {
    const key = outboxKeyOf(id);
    const ours = key ? await outbox.get(key) : null;
    if (ours) return ours.caseId;
    const theirs = await inbound.caseOf(id);
    if (theirs) return theirs;
  }
  return null;
}

const langOf = (contentLanguage: string | undefined): 'fr' | 'en' | undefined => {
  const primary = contentLanguage?.trim().slice(0, 2).toLowerCase();
  return primary === 'fr' || primary === 'en' ? primary : undefined;
};

const attachmentNames = (refs: MailAttachmentRef[]) => refs.map((r) => r.filename).join(', ');
