import type { Collection, Db } from 'mongodb';
import type { TimelineEvent } from '../../workflows/contracts/timeline';

type EventDoc = Omit<TimelineEvent, 'key' | 'at'> & { _id: string; at: Date };

/** Append-only timeline of every step, keyed for idempotency. */
export class TimelineStore {
  readonly col: Collection<EventDoc>;

  constructor(db: Db) {
    this.col = db.collection<EventDoc>('events');
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ customerId: 1, at: 1 });
    await this.col.createIndex({ caseId: 1, at: 1 });
  }

  async append(event: TimelineEvent): Promise<void> {
    const { key, at, ...rest } = event;
    await this.col.updateOne(
      { _id: key },
      { $setOnInsert: { ...rest, at: new Date(at) } },
      { upsert: true },
    );
  }

  private static toEvent({ _id, at, ...rest }: EventDoc): TimelineEvent {
    return { key: _id, at: at.toISOString(), ...rest };
  }

  async forCase(caseId: string): Promise<TimelineEvent[]> {
    const docs = await this.col.find({ caseId }).sort({ at: 1, _id: 1 }).toArray();
    return docs.map(TimelineStore.toEvent);
  }

  async forCustomer(customerId: string): Promise<TimelineEvent[]> {
    const docs = await this.col.find({ customerId }).sort({ at: 1, _id: 1 }).toArray();
    return docs.map(TimelineStore.toEvent);
  }

  async countContactsSince(customerId: string, since: Date): Promise<number> {
    return this.col.countDocuments({
      customerId,
      type: { $in: ['case-opened', 'message-received'] },
      at: { $gte: since },
    });
  }
}
