import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { isDuplicateKey } from './mongo';
import { parseDoc } from './parseDoc';
import { countersOf, type CounterRef } from './taskListKeys';

const collection = 'taskListCounts';

export const CounterDeltaSchema = z.object({
  _id: z.string(),
  level: z.enum(['list', 'day']),
  parent: z.string().optional(),
  d: z.number().int(),
  /** A day counter's change per hour (`{ T14: -1, T16: 1 }`). */
  h: z.record(z.string(), z.number().int()).optional(),
});
export type CounterDelta = z.infer<typeof CounterDeltaSchema>;

const CounterDocSchema = z.object({
  _id: z.string(),
  level: z.enum(['list', 'day']),
  parent: z.string().optional(),
  n: z.number().int(),
  /** A day's count per hour (`{ T14: 3 }`): an hour's key is the day's id and its field. */
  h: z.record(z.string(), z.number().int()).optional(),
  /** The writes applied here whose task has not yet recorded it: what makes a retry a no-op. */
  ops: z.array(z.string()),
});
type CounterDoc = z.infer<typeof CounterDocSchema>;
const CountSchema = CounterDocSchema.pick({ _id: true, n: true });
export type Count = z.infer<typeof CountSchema>;
const DaySchema = CounterDocSchema.pick({ _id: true, n: true, h: true });
export type DayCount = z.infer<typeof DaySchema>;

/** The net change per counter (and per hour of a day) from the keys a task leaves and enters. */
export function counterDeltas(removed: CounterRef[], added: CounterRef[]): CounterDelta[] {
  const deltas = new Map<string, CounterDelta>();
  const move = ({ hour, ...ref }: CounterRef, d: number) => {
    const found = deltas.get(ref._id) ?? { ...ref, d: 0 };
    found.d += d;
    if (hour !== undefined) found.h = { ...found.h, [hour]: (found.h?.[hour] ?? 0) + d };
    deltas.set(ref._id, found);
  };
  for (const ref of removed) move(ref, -1);
  for (const ref of added) move(ref, 1);
  return [...deltas.values()].flatMap(({ h, ...delta }) => {
    const hours = Object.entries(h ?? {}).filter(([, d]) => d !== 0);
    if (delta.d === 0 && hours.length === 0) return [];
    return [hours.length ? { ...delta, h: Object.fromEntries(hours) } : delta];
  });
}

/** A counter's update for one delta: its total and hours, once per op. */
function increment(op: string, { _id, level, parent, d, h }: CounterDelta) {
  const hours = Object.fromEntries(Object.entries(h ?? {}).map(([hour, n]) => [`h.${hour}`, n]));
  return {
    filter: { _id, ops: { $ne: op } },
    update: {
      $inc: { n: d, ...hours },
      $push: { ops: op },
      $setOnInsert: parent === undefined ? { level } : { level, parent },
    },
    upsert: true,
  };
}

/** A counter's figures, as a recount builds them. */
export type Tally = Omit<CounterDoc, '_id' | 'ops'>;

/** Counts a task's keys into `counts`: the figures its writes would have moved. */
export function tallyKeys(counts: Map<string, Tally>, keys: readonly string[]): void {
  for (const { _id, level, parent, hour } of countersOf(keys)) {
    const found = counts.get(_id) ?? { level, ...(parent ? { parent } : {}), n: 0 };
    found.n += 1;
    if (hour !== undefined) found.h = { ...found.h, [hour]: (found.h?.[hour] ?? 0) + 1 };
    counts.set(_id, found);
  }
}

const batch = 1000;

/**
 * How many open tasks each list, day and hour bucket holds (`taskListKeys.ts`), kept in step
 * with the task writes by `TaskStore`. Each write is applied once per counter whatever the
 * retries: its op id is pushed with the increment and the filter skips a counter that has it.
 */
export class TaskListCounts {
  readonly col: Collection<CounterDoc>;

  constructor(db: Db) {
    this.col = db.collection<CounterDoc>(collection);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ parent: 1 });
    await this.col.createIndex({ level: 1 });
  }

  /**
   * Applies `deltas` under `op`: a counter that already has `op` is left as it is. One bulk
   * write; a retry meets the counters it already moved (the upsert's insert hits their `_id`,
   * and FerretDB stops a bulk write at its first error), so then one update per counter.
   */
  async apply(op: string, deltas: readonly CounterDelta[]): Promise<void> {
    if (deltas.length === 0) return;
    try {
      await this.col.bulkWrite(
        deltas.map((delta) => ({ updateOne: increment(op, delta) })),
        { ordered: false },
      );
      return;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    for (const delta of deltas) {
      const { filter, update, upsert } = increment(op, delta);
      try {
        await this.col.updateOne(filter, update, { upsert });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
  }

  /** Forgets `op` once its task recorded it, and drops the counters it emptied. */
  async release(op: string, deltas: readonly CounterDelta[]): Promise<void> {
    if (deltas.length === 0) return;
    await this.col.bulkWrite(
      deltas.flatMap(({ _id, d }) => [
        { updateOne: { filter: { _id }, update: { $pull: { ops: op } } } },
        ...(d < 0 ? [{ deleteOne: { filter: { _id, n: 0, ops: { $size: 0 } } } }] : []),
      ]),
      { ordered: true },
    );
  }

  /** A list's day counters, with their hours, in list order. */
  async days(list: string): Promise<DayCount[]> {
    const docs = await this.col
      .find({ parent: list }, { projection: { _id: 1, n: 1, h: 1 } })
      .toArray();
    return docs
      .map((doc) => parseDoc(DaySchema, collection, doc))
      .filter((c) => c.n > 0)
      .sort((a, b) => (a._id < b._id ? -1 : 1));
  }

  /** Every list-level counter: the per-queue lists' totals and the queues' tallies. */
  async lists(): Promise<Count[]> {
    const docs = await this.col.find({ level: 'list' }, { projection: { _id: 1, n: 1 } }).toArray();
    return docs.map((doc) => parseDoc(CountSchema, collection, doc));
  }

  /** Replaces every counter with `counts` (a recount from the tasks): inserts, not upserts. */
  async replaceAll(counts: ReadonlyMap<string, Omit<CounterDoc, '_id' | 'ops'>>): Promise<void> {
    await this.col.deleteMany({});
    const docs = [...counts].map(([_id, count]) => ({ _id, ...count, ops: [] }));
    for (let i = 0; i < docs.length; i += batch)
      await this.col.insertMany(docs.slice(i, i + batch), { ordered: false });
  }
}
