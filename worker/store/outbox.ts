import type { Collection, Db } from 'mongodb';
import type { OutboundMessage } from '../../workflows/contracts/activities';
import { type OutboxDoc, OutboxDocSchema } from './documents';
import { isDuplicateKey } from './mongo';
import { parseDoc, parseDocOrNull } from './parseDoc';

const collection = 'outbox';

export type Attempt =
  | { alreadySent: true }
  | {
      alreadySent: false;
      /** Earlier attempts that neither failed nor were marked sent: a crash in between. */
      unconfirmed: number;
    };

/**
 * Every message sent to a customer, keyed for idempotency. Delivery is at least once: a message
 * marked sent is never sent again, but a crash between the send and `markSent` leaves it pending
 * and the retry sends it again. Each attempt is counted, so such a resend is known and flagged.
 */
export class OutboxStore {
  readonly col: Collection<OutboxDoc>;

  constructor(db: Db) {
    this.col = db.collection<OutboxDoc>(collection);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ caseId: 1, sentAt: 1 });
  }

  /** Records the message as pending unless its key is known, and counts this attempt. */
  async beginAttempt(message: OutboundMessage): Promise<Attempt> {
    const { key, ...rest } = message;
    // An insert, not an upsert with $setOnInsert: FerretDB 1.x drops its null fields (sentAt, to).
    await this.col
      .insertOne({ _id: key, ...rest, status: 'pending', sentAt: null })
      .catch((err: unknown) => {
        if (!isDuplicateKey(err)) throw err;
      });
    const before = parseDocOrNull(
      OutboxDocSchema,
      collection,
      await this.col.findOneAndUpdate(
        { _id: key, status: 'pending' },
        { $inc: { attempts: 1 } },
        // No projection: FerretDB 1.x does not implement findAndModify's `fields`.
        { returnDocument: 'before' },
      ),
    );
    if (!before) return { alreadySent: true };
    const unconfirmed = (before.attempts ?? 0) - (before.failedAttempts ?? 0);
    if (unconfirmed > 0)
      await this.col.updateOne({ _id: key }, { $set: { possibleDuplicate: true } });
    return { alreadySent: false, unconfirmed };
  }

  /** The adapter reported a failure: this attempt is not a possible duplicate. */
  async markFailed(key: string): Promise<void> {
    await this.col.updateOne({ _id: key }, { $inc: { failedAttempts: 1 } });
  }

  /** A receipt may have come first: it is kept, only the sending time is added. */
  async markSent(key: string): Promise<void> {
    const sentAt = new Date();
    const { matchedCount } = await this.col.updateOne(
      { _id: key, status: 'pending' },
      { $set: { status: 'sent', sentAt } },
    );
    if (matchedCount === 0)
      await this.col.updateOne({ _id: key, sentAt: null }, { $set: { sentAt } });
  }

  /**
   * A bridge's delivery receipt: the first settles the message (delivered or failed), a repeat
   * or a late contradicting one changes nothing. Null for an unknown message.
   */
  async applyReceipt(
    key: string,
    receipt: { status: 'delivered' | 'failed'; reason?: string },
  ): Promise<OutboxDoc | null> {
    await this.col.updateOne(
      { _id: key, status: { $in: ['pending', 'sent'] } },
      {
        $set: {
          status: receipt.status,
          receiptAt: new Date(),
          ...(receipt.reason ? { deliveryReason: receipt.reason } : {}),
        },
      },
    );
    return this.get(key);
  }

  async get(key: string): Promise<OutboxDoc | null> {
    return parseDocOrNull(OutboxDocSchema, collection, await this.col.findOne({ _id: key }));
  }

  async forCase(caseId: string): Promise<OutboxDoc[]> {
    const docs = await this.col.find({ caseId }).sort({ _id: 1 }).toArray();
    return docs.map((doc) => parseDoc(OutboxDocSchema, collection, doc));
  }
}
