import { randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { parseDoc, parseDocOrNull } from '../store/parseDoc';

const collection = 'devMailbox';

export const DevMailDocSchema = z.object({
  _id: z.string(),
  /** The SMTP envelope, as a relay would deliver it. */
  envelopeFrom: z.string(),
  envelopeTo: z.array(z.string()),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  messageId: z.string().nullable(),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  text: z.string(),
  /** The whole message source, headers included. */
  raw: z.string(),
  receivedAt: z.date(),
});
export type DevMailDoc = z.infer<typeof DevMailDocSchema>;

/** What the dev mail sink caught: the mail customers would have received. */
export class DevMailbox {
  readonly col: Collection<DevMailDoc>;

  constructor(db: Db) {
    this.col = db.collection<DevMailDoc>(collection);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ receivedAt: -1 });
  }

  async add(mail: Omit<DevMailDoc, '_id' | 'receivedAt'>): Promise<void> {
    await this.col.insertOne({ _id: randomUUID(), ...mail, receivedAt: new Date() });
  }

  async latest(limit: number): Promise<DevMailDoc[]> {
    const docs = await this.col.find({}).sort({ receivedAt: -1 }).limit(limit).toArray();
    return docs.map((d) => parseDoc(DevMailDocSchema, collection, d));
  }

  async get(id: string): Promise<DevMailDoc | null> {
    return parseDocOrNull(DevMailDocSchema, collection, await this.col.findOne({ _id: id }));
  }
}
