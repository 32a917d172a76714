import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { parseDoc } from './parseDoc';

/**
 * When a chat visitor was last seen on their case: each open conversation stream marks it.
 * Kept in MongoDB, as caseViewers is, because the visitor's stream may be on any designer
 * process and the one that notices them gone need not be the one that served them. Holds no
 * personal data, only the case and a time; a mark leaves when it is found stale.
 */
export const ChatPresenceDocSchema = z.object({ _id: z.string(), seenAt: z.date() });
type ChatPresenceDoc = z.infer<typeof ChatPresenceDocSchema>;

const collection = 'chatPresence';

export class ChatPresenceStore {
  readonly col: Collection<ChatPresenceDoc>;

  constructor(db: Db) {
    this.col = db.collection<ChatPresenceDoc>(collection);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ seenAt: 1 });
  }

  /** The visitor of `caseId` is there now. */
  async seen(caseId: string, now = new Date()): Promise<void> {
    await this.col.updateOne({ _id: caseId }, { $set: { seenAt: now } }, { upsert: true });
  }

  /** Cases whose visitor has not been seen since `before`, oldest first. */
  async staleSince(before: Date, limit = 100): Promise<string[]> {
    const docs = await this.col
      .find({ seenAt: { $lt: before } })
      .sort({ seenAt: 1 })
      .limit(limit)
      .toArray();
    return docs.map((raw) => parseDoc(ChatPresenceDocSchema, collection, raw)._id);
  }

  /**
   * Takes a stale mark away; true for the one sweeper that took it, so that with several
   * processes sweeping, one alone reports the visitor gone. A visitor seen again meanwhile
   * keeps their mark.
   */
  async claimStale(caseId: string, before: Date): Promise<boolean> {
    const { deletedCount } = await this.col.deleteOne({ _id: caseId, seenAt: { $lt: before } });
    return deletedCount === 1;
  }
}
