import type { Collection, Db } from 'mongodb';
import type { OutboundMessage } from '../../workflows/contracts/activities';
import type { OutboxDoc } from './documents';

/** Every message sent to a customer, keyed for idempotency: a retry never sends twice. */
export class OutboxStore {
  readonly col: Collection<OutboxDoc>;

  constructor(db: Db) {
    this.col = db.collection<OutboxDoc>('outbox');
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ caseId: 1, sentAt: 1 });
  }

  /** Records the message as pending unless its key is known; returns whether it was sent. */
  async prepare(message: OutboundMessage): Promise<{ alreadySent: boolean }> {
    const { key, ...rest } = message;
    await this.col.updateOne(
      { _id: key },
      { $setOnInsert: { ...rest, status: 'pending', sentAt: null } },
      { upsert: true },
    );
    const doc = await this.col.findOne({ _id: key }, { projection: { status: 1 } });
    return { alreadySent: doc?.status === 'sent' };
  }

  async markSent(key: string): Promise<void> {
    await this.col.updateOne({ _id: key }, { $set: { status: 'sent', sentAt: new Date() } });
  }

  async forCase(caseId: string): Promise<OutboxDoc[]> {
    return this.col.find({ caseId }).sort({ _id: 1 }).toArray();
  }
}
