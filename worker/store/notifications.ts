import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { insertOnce } from './mongo';
import {
  type SupervisorNotification,
  SupervisorNotificationSchema,
} from '../../workflows/contracts/activities';
import { parseDoc } from './parseDoc';

export const NotificationDocSchema = SupervisorNotificationSchema.omit({ key: true }).extend({
  _id: z.string(),
  at: z.date(),
  readAt: z.date().nullable(),
});
type NotificationDoc = z.infer<typeof NotificationDocSchema>;

const collection = 'notifications';
const toDoc = (doc: unknown) => parseDoc(NotificationDocSchema, collection, doc);

/** Supervisor notifications (escalations, failed callbacks), keyed for idempotency. */
export class NotificationStore {
  readonly col: Collection<NotificationDoc>;

  constructor(db: Db) {
    this.col = db.collection<NotificationDoc>(collection);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ queue: 1, at: -1 });
  }

  async add(notification: SupervisorNotification): Promise<void> {
    const { key, ...rest } = notification;
    await insertOnce(this.col, { _id: key, ...rest, at: new Date(), readAt: null });
  }

  async forCase(caseId: string): Promise<NotificationDoc[]> {
    return (await this.col.find({ caseId }).sort({ at: 1 }).toArray()).map(toDoc);
  }

  async unread(limit = 100): Promise<NotificationDoc[]> {
    return (await this.col.find({ readAt: null }).sort({ at: -1 }).limit(limit).toArray()).map(
      toDoc,
    );
  }

  /** A supervisor has seen it; it leaves the unread list. */
  async markRead(key: string): Promise<void> {
    await this.col.updateOne({ _id: key, readAt: null }, { $set: { readAt: new Date() } });
  }
}
