import { createHash } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { isDuplicateKey } from '../store/mongo';
import { parseDoc, parseDocOrNull } from '../store/parseDoc';

const collection = 'inboundMails';

export const MailAttachmentRefSchema = z.object({
  /** The stored file's id; null when it was refused. */
  fileId: z.string().nullable(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int().min(0),
  refused: z.enum(['too-large', 'type-not-allowed']).nullable(),
});
export type MailAttachmentRef = z.infer<typeof MailAttachmentRefSchema>;

export const InboundMailDocSchema = z.object({
  /** From the sender and their Message-ID, so one sender cannot shadow another's mail. */
  _id: z.string(),
  messageId: z.string(),
  from: z.string(),
  fromName: z.string().nullable(),
  to: z.array(z.string()),
  subject: z.string(),
  /** What the customer wrote this time, quoted history removed: the text the case gets. */
  text: z.string(),
  /** The whole text as received, quoted history included. */
  fullText: z.string(),
  html: z.string().nullable(),
  attachments: z.array(MailAttachmentRefSchema),
  receivedAt: z.date(),
  /**
   * received: recorded, not yet in a case (a retry of the sender finishes it); delivered: in
   * caseId; automatic: an autoresponder or bounce, kept but never answered; refused: invalid.
   */
  status: z.enum(['received', 'delivered', 'automatic', 'refused']),
  automaticReason: z.string().nullable(),
  /** The case it is in, or, for an automatic mail, the case it answers. */
  caseId: z.string().nullable(),
  customerId: z.string().nullable(),
});
export type InboundMailDoc = z.infer<typeof InboundMailDocSchema>;

export const inboundMailId = (from: string, messageId: string): string =>
  createHash('sha256').update(`${from.toLowerCase()}\n${messageId}`).digest('hex').slice(0, 32);

/** Every mail the SMTP receiver accepted, with its full text, whatever became of it. */
export class InboundMailStore {
  readonly col: Collection<InboundMailDoc>;

  constructor(db: Db) {
    this.col = db.collection<InboundMailDoc>(collection);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ messageId: 1 });
    await this.col.createIndex({ caseId: 1, receivedAt: 1 });
    await this.col.createIndex({ receivedAt: -1 });
  }

  /** Records the mail unless a retry of the sender already did; answers the stored one. */
  async record(doc: InboundMailDoc): Promise<InboundMailDoc> {
    // An insert, not an upsert with $setOnInsert: FerretDB 1.x drops its null fields.
    await this.col.insertOne(doc).catch((err: unknown) => {
      if (!isDuplicateKey(err)) throw err;
    });
    return (await this.get(doc._id))!;
  }

  async settle(
    id: string,
    outcome: Pick<InboundMailDoc, 'status' | 'caseId' | 'customerId'>,
  ): Promise<void> {
    await this.col.updateOne({ _id: id }, { $set: outcome });
  }

  async get(id: string): Promise<InboundMailDoc | null> {
    return parseDocOrNull(InboundMailDocSchema, collection, await this.col.findOne({ _id: id }));
  }

  /** The case a mail with this Message-ID went into, if any. */
  async caseOf(messageId: string): Promise<string | null> {
    const doc = await this.col.findOne({ messageId, caseId: { $ne: null } });
    return doc?.caseId ?? null;
  }

  async forCase(caseId: string): Promise<InboundMailDoc[]> {
    const docs = await this.col.find({ caseId }).sort({ receivedAt: 1 }).toArray();
    return docs.map((d) => parseDoc(InboundMailDocSchema, collection, d));
  }

  /** The attachments of a case's mails, by the message id its thread shows them under. */
  async attachmentsOfCase(caseId: string): Promise<Record<string, MailAttachmentRef[]>> {
    const mails = await this.forCase(caseId);
    return Object.fromEntries(
      mails.filter((m) => m.attachments.length > 0).map((m) => [m.messageId, m.attachments]),
    );
  }

  async latest(limit: number): Promise<InboundMailDoc[]> {
    const docs = await this.col.find({}).sort({ receivedAt: -1 }).limit(limit).toArray();
    return docs.map((d) => parseDoc(InboundMailDocSchema, collection, d));
  }
}
