import { Binary, type Collection, type Db } from 'mongodb';
import { z } from 'zod';
import { isDuplicateKey } from '../store/mongo';
import { parseDocOrNull } from '../store/parseDoc';

const collection = 'mailAttachments';

const MailAttachmentDocSchema = z.object({
  /** The mail's id and the attachment's place in it: a retried mail stores nothing twice. */
  _id: z.string(),
  mailId: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int().min(0),
  data: z.instanceof(Binary),
});

export interface StoredAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/**
 * Attachment files, one document each: the size limit keeps them well under MongoDB's 16 MiB,
 * and FerretDB stores binary fields as they are, where GridFS would add a chunks collection.
 */
export class MailAttachmentStore {
  readonly col: Collection<z.infer<typeof MailAttachmentDocSchema>>;

  constructor(db: Db) {
    this.col = db.collection(collection);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ mailId: 1 });
  }

  async put(
    id: string,
    mailId: string,
    file: { filename: string; contentType: string; content: Buffer },
  ): Promise<void> {
    await this.col
      .insertOne({
        _id: id,
        mailId,
        filename: file.filename,
        contentType: file.contentType,
        size: file.content.length,
        data: new Binary(file.content),
      })
      .catch((err: unknown) => {
        if (!isDuplicateKey(err)) throw err;
      });
  }

  async get(id: string): Promise<StoredAttachment | null> {
    const doc = parseDocOrNull(
      MailAttachmentDocSchema,
      collection,
      await this.col.findOne({ _id: id }),
    );
    if (!doc) return null;
    return {
      filename: doc.filename,
      contentType: doc.contentType,
      content: Buffer.from(doc.data.buffer),
    };
  }
}
