import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { insertOnce } from './mongo';
import { type TimelineEvent, TimelineEventSchema } from '../../workflows/contracts/timeline';
import { parseDoc } from './parseDoc';

/** A timeline event as stored: its key is the `_id`, its time a date. */
export const EventDocSchema = TimelineEventSchema.omit({ key: true, at: true }).extend({
  _id: z.string(),
  at: z.date(),
});
type EventDoc = z.infer<typeof EventDocSchema> & { storedSecond?: number };

/** The whole second (since the epoch) a time falls in: the live feed's bucket. */
export const storedSecondOf = (ms: number): number => Math.floor(ms / 1000);

const collection = 'events';

/** Append-only timeline of every step, keyed for idempotency. */
export class TimelineStore {
  readonly col: Collection<EventDoc>;

  constructor(db: Db) {
    this.col = db.collection<EventDoc>(collection);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ customerId: 1, at: 1 });
    await this.col.createIndex({ caseId: 1, at: 1 });
    await this.col.createIndex({ storedSecond: 1 });
  }

  async append(event: TimelineEvent): Promise<void> {
    const { key, at, ...rest } = event;
    // The second it landed in: the desk's live feed reads each second by equality (FerretDB 1.x
    // pushes no range down), so a write shows on open pages without polling the pages.
    await insertOnce(this.col, {
      _id: key,
      ...rest,
      at: new Date(at),
      storedSecond: storedSecondOf(Date.now()),
    });
  }

  private static toEvent(raw: unknown): TimelineEvent {
    const { _id, at, ...rest } = parseDoc(EventDocSchema, collection, raw);
    return { key: _id, at: at.toISOString(), ...rest };
  }

  async forCase(caseId: string): Promise<TimelineEvent[]> {
    const docs = await this.col.find({ caseId }).sort({ at: 1, _id: 1 }).toArray();
    return docs.map(TimelineStore.toEvent);
  }

  /** What landed in one second (`storedSecondOf`): the live feed's read, by index equality. */
  async landedIn(second: number): Promise<TimelineEvent[]> {
    const docs = await this.col.find({ storedSecond: second }).toArray();
    return docs.map(TimelineStore.toEvent);
  }

  async forCustomer(customerId: string): Promise<TimelineEvent[]> {
    const docs = await this.col.find({ customerId }).sort({ at: 1, _id: 1 }).toArray();
    return docs.map(TimelineStore.toEvent);
  }
}
