import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import type { MailAttachmentRef } from '../email/inboundMails';
import { isDuplicateKey } from './mongo';
import { parseDoc } from './parseDoc';

/**
 * A file a chat visitor sent: which case message it came with. Its bytes are in the attachment
 * file store beside email attachments, so the thread shows both alike and one signed-in download
 * serves both; erasure and retention find the files of chats here.
 */
export const ChatAttachmentDocSchema = z.object({
  /** The stored file's id. */
  _id: z.string(),
  caseId: z.string(),
  customerId: z.string(),
  /** The case message it came with (`chat-<uuid>`), as the thread knows the message. */
  messageId: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int().min(0),
  receivedAt: z.date(),
});
export type ChatAttachmentDoc = z.infer<typeof ChatAttachmentDocSchema>;

const collection = 'chatAttachments';

export class ChatAttachmentStore {
  readonly col: Collection<ChatAttachmentDoc>;

  constructor(db: Db) {
    this.col = db.collection<ChatAttachmentDoc>(collection);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ caseId: 1 });
    await this.col.createIndex({ customerId: 1 });
    await this.col.createIndex({ receivedAt: 1 });
  }

  /** Records it unless a resend of the same message already did. */
  async record(doc: ChatAttachmentDoc): Promise<void> {
    await this.col.insertOne(ChatAttachmentDocSchema.parse(doc)).catch((err: unknown) => {
      if (!isDuplicateKey(err)) throw err;
    });
  }

  /** The files of a case's chat messages, by the message id the thread shows them under. */
  async ofCase(caseId: string): Promise<Record<string, MailAttachmentRef[]>> {
    const docs = await this.col.find({ caseId }).sort({ receivedAt: 1 }).toArray();
    const refs: Record<string, MailAttachmentRef[]> = {};
    for (const raw of docs) {
      const doc = parseDoc(ChatAttachmentDocSchema, collection, raw);
      (refs[doc.messageId] ??= []).push({
        fileId: doc._id,
        filename: doc.filename,
        contentType: doc.contentType,
        size: doc.size,
        refused: null,
      });
    }
    return refs;
  }
}
