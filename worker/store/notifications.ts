import type { Collection, Db } from 'mongodb';
import type { SupervisorNotification } from '../../workflows/contracts/activities';

type NotificationDoc = Omit<SupervisorNotification, 'key'> & {
  _id: string;
  at: Date;
  readAt: Date | null;
};

/** Supervisor notifications (escalations, failed callbacks), keyed for idempotency. */
export class NotificationStore {
  readonly col: Collection<NotificationDoc>;

  constructor(db: Db) {
    this.col = db.collection<NotificationDoc>('notifications');
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ queue: 1, at: -1 });
  }

  async add(notification: SupervisorNotification): Promise<void> {
    const { key, ...rest } = notification;
    await this.col.updateOne(
      { _id: key },
      { $setOnInsert: { ...rest, at: new Date(), readAt: null } },
      { upsert: true },
    );
  }

  async forCase(caseId: string): Promise<NotificationDoc[]> {
    return this.col.find({ caseId }).sort({ at: 1 }).toArray();
  }

  async unread(limit = 100): Promise<NotificationDoc[]> {
    return this.col.find({ readAt: null }).sort({ at: -1 }).limit(limit).toArray();
  }

  /** A supervisor has seen it; it leaves the unread list. */
  async markRead(key: string): Promise<void> {
    await this.col.updateOne({ _id: key, readAt: null }, { $set: { readAt: new Date() } });
  }
}
