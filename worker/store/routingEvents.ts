import { type Collection, type Db, MongoBulkWriteError } from 'mongodb';
import { z } from 'zod';
import { type RoutingEvent, RoutingEventSchema } from '../../workflows/contracts/routing';
import { isDuplicateKey } from './mongo';
import { parseDoc } from './parseDoc';

const collection = 'routingEvents';

/**
 * FerretDB 1.x pushes only equality filters down to PostgreSQL: a range on `_id` scans the whole
 * collection. Events are therefore filed in pages of consecutive seqs, and the tail reads the
 * page it is in by equality (an index lookup of at most this many rows), the seq range being
 * applied by FerretDB to those rows only.
 */
export const routingEventPageSize = 64;
const pageOf = (seq: number): number => Math.floor(seq / routingEventPageSize);

/**
 * An event as stored: its seq is the `_id`, its page indexed, its time a date, and when its
 * publish landed (`storedAt`: `bench:routing` splits the offer latency with it).
 */
const RoutingEventDocSchema = z
  .looseObject({ _id: z.number().int().min(1), page: z.number().int(), at: z.date() })
  .transform(({ _id, page: _page, at, storedAt: _stored, ...rest }) => ({
    ...rest,
    seq: _id,
    at: at.toISOString(),
  }))
  .pipe(RoutingEventSchema);
type RoutingEventDoc = Omit<RoutingEvent, 'seq' | 'at'> & {
  _id: number;
  page: number;
  at: Date;
  storedAt: Date;
};

const toDoc = (event: RoutingEvent, storedAt: Date): RoutingEventDoc => {
  const { seq, at, ...rest } = RoutingEventSchema.parse(event);
  return { ...rest, _id: seq, page: pageOf(seq), at: new Date(at), storedAt } as RoutingEventDoc;
};

/** A batch write refused only because some events were stored already (a retried publish). */
const onlyDuplicates = (err: unknown): boolean =>
  err instanceof MongoBulkWriteError &&
  (Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors]).every(isDuplicateKey);

/**
 * Everything the router changed, in seq order: the live stream tails it, and its presence events
 * are the record occupancy and availability KPIs are computed from.
 */
export class RoutingEventStore {
  private readonly col: Collection<RoutingEventDoc>;

  constructor(db: Db) {
    this.col = db.collection<RoutingEventDoc>(collection);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ page: 1 });
    await this.col.createIndex({ kind: 1, at: 1 });
  }

  /** Idempotent by seq: a retried batch stores what is missing and leaves the rest. */
  async publish(events: RoutingEvent[]): Promise<void> {
    if (events.length === 0) return;
    try {
      const storedAt = new Date();
      await this.col.insertMany(
        events.map((e) => toDoc(e, storedAt)),
        { ordered: false },
      );
    } catch (err) {
      if (!onlyDuplicates(err)) throw err;
    }
  }

  /**
   * Events with seq > `seq`, in seq order, at most `limit`: page by page from the one `seq + 1`
   * falls in, on to the next only while a page is complete up to its last seq. A caught-up tail
   * costs one indexed read that returns nothing.
   */
  async since(seq: number, limit: number): Promise<RoutingEvent[]> {
    const found: RoutingEvent[] = [];
    for (let page = pageOf(seq + 1); found.length < limit; page += 1) {
      const docs = await this.col
        .find({ page, _id: { $gt: seq } })
        .sort({ _id: 1 })
        .toArray();
      found.push(...docs.map((d) => parseDoc(RoutingEventDocSchema, collection, d)));
      if (docs.at(-1)?._id !== (page + 1) * routingEventPageSize - 1) break;
    }
    return found.slice(0, limit);
  }

  /** The highest seq stored; 0 when none. */
  async lastSeq(): Promise<number> {
    const [last] = await this.col
      .find({}, { projection: { _id: 1 } })
      .sort({ _id: -1 })
      .limit(1)
      .toArray();
    return last?._id ?? 0;
  }

  /** Presence changes within [from, to), oldest first, for occupancy and availability KPIs. */
  async presence(from: Date, to: Date): Promise<Extract<RoutingEvent, { kind: 'presence' }>[]> {
    const docs = await this.col
      .find({ kind: 'presence', at: { $gte: from, $lt: to } })
      .sort({ at: 1, _id: 1 })
      .toArray();
    return docs.flatMap((d) => {
      const event = parseDoc(RoutingEventDocSchema, collection, d);
      return event.kind === 'presence' ? [event] : [];
    });
  }
}
