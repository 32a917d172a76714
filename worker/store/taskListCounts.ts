import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { isDuplicateKey } from './mongo';
import { parseDoc } from './parseDoc';
import type { CounterLevel, CounterRef } from './taskListKeys';

const collection = 'taskListCounts';

export const CounterDeltaSchema = z.object({
  _id: z.string(),
  level: z.enum(['list', 'day', 'hour']),
  parent: z.string().optional(),
  d: z.number().int(),
});
export type CounterDelta = z.infer<typeof CounterDeltaSchema>;

const CounterDocSchema = z.object({
  _id: z.string(),
  level: z.enum(['list', 'day', 'hour']),
  parent: z.string().optional(),
  n: z.number().int(),
  /** The writes applied here whose task has not yet recorded it: what makes a retry a no-op. */
  ops: z.array(z.string()),
});
type CounterDoc = z.infer<typeof CounterDocSchema>;
const CountSchema = CounterDocSchema.pick({ _id: true, n: true });
export type Count = z.infer<typeof CountSchema>;

/** The net change per counter from the hour keys a task leaves and the ones it enters. */
export function counterDeltas(removed: CounterRef[], added: CounterRef[]): CounterDelta[] {
  const deltas = new Map<string, CounterDelta>();
  const move = (ref: CounterRef, d: number) => {
    const found = deltas.get(ref._id) ?? { ...ref, d: 0 };
    found.d += d;
    deltas.set(ref._id, found);
  };
  for (const ref of removed) move(ref, -1);
  for (const ref of added) move(ref, 1);
  return [...deltas.values()].filter((c) => c.d !== 0);
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
   * Applies `deltas` under `op`: a counter that already has `op` is left as it is. One update
   * per counter, since FerretDB stops a bulk write at its first error, `ordered: false` or not.
   */
  async apply(op: string, deltas: readonly CounterDelta[]): Promise<void> {
    await Promise.all(
      deltas.map(async ({ _id, level, parent, d }) => {
        try {
          await this.col.updateOne(
            { _id, ops: { $ne: op } },
            {
              $inc: { n: d },
              $push: { ops: op },
              $setOnInsert: parent === undefined ? { level } : { level, parent },
            },
            { upsert: true },
          );
        } catch (err) {
          // The counter has the op already: the upsert's insert met its `_id`.
          if (!isDuplicateKey(err)) throw err;
        }
      }),
    );
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

  /** The counters one level under `parent` (a list's days, a day's hours), in list order. */
  async children(parent: string): Promise<Count[]> {
    const docs = await this.col.find({ parent }, { projection: { _id: 1, n: 1 } }).toArray();
    return docs
      .map((doc) => parseDoc(CountSchema, collection, doc))
      .filter((c) => c.n > 0)
      .sort((a, b) => (a._id < b._id ? -1 : 1));
  }

  /** Every list's total (urgency lists: one per scope). */
  async lists(): Promise<Count[]> {
    const docs = await this.col.find({ level: 'list' }, { projection: { _id: 1, n: 1 } }).toArray();
    return docs.map((doc) => parseDoc(CountSchema, collection, doc));
  }

  /** Replaces every counter with `counts` (a recount from the tasks): inserts, not upserts. */
  async replaceAll(
    counts: ReadonlyMap<string, { level: CounterLevel; parent?: string; n: number }>,
  ): Promise<void> {
    await this.col.deleteMany({});
    const docs = [...counts].map(([_id, { level, parent, n }]) => ({
      _id,
      level,
      ...(parent === undefined ? {} : { parent }),
      n,
      ops: [],
    }));
    for (let i = 0; i < docs.length; i += batch)
      await this.col.insertMany(docs.slice(i, i + batch), { ordered: false });
  }
}
