import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { isDuplicateKey } from './mongo';
import { parseDoc, parseDocOrNull } from './parseDoc';
import {
  type Contact,
  contactEventTypes,
  type CustomerStatsDoc,
  CustomerStatsDocSchema,
  emptyStats,
  type HistoryFacts,
  historyAt,
  mergeComputed,
  withCaseOpen,
  withContact,
} from './customerStatsModel';
import { TaskDocSchema, type TaskStore } from './tasks';
import { EventDocSchema } from './timeline';

const collection = 'customerStats';

const MigrationDocSchema = z.object({ _id: z.string(), doneAt: z.date() });
type MigrationDoc = z.infer<typeof MigrationDocSchema>;
const backfillId = 'customerStats-v1';
const backfillBatch = 1000;

const CaseTaskSchema = TaskDocSchema.pick({ customerId: true, caseId: true, status: true });
const ContactEventSchema = EventDocSchema.pick({ _id: true, customerId: true, at: true }).extend({
  data: z.object({ messageId: z.unknown() }).partial().optional(),
});

/**
 * Per-customer counters for the rules' history facts (open cases, recent contacts, the previous
 * contact), read by `_id` only. The activities that write tasks and contact events update them,
 * idempotently by case id and event key, so retries count nothing twice.
 *
 * Data stored before the counters existed is counted once, by the first use of this store in a
 * process (a marker in `storeMigrations` records it is done): one scan of `tasks` and `events`.
 */
export class CustomerStatsStore {
  readonly col: Collection<CustomerStatsDoc>;
  private readonly migrations: Collection<MigrationDoc>;
  private readonly tasksCol: Collection;
  private readonly eventsCol: Collection;
  /** Per-customer queue: one worker's writes to a customer never race each other. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private backfilled: Promise<void> | undefined;

  constructor(
    db: Db,
    private readonly tasks: TaskStore,
  ) {
    this.col = db.collection<CustomerStatsDoc>(collection);
    this.migrations = db.collection<MigrationDoc>('storeMigrations');
    this.tasksCol = db.collection('tasks');
    this.eventsCol = db.collection('events');
  }

  /** The history facts of a message received at `receivedAt`: one read by `_id`. */
  async historyAt(customerId: string, receivedAt: Date, messageId: string): Promise<HistoryFacts> {
    await this.ready();
    return historyAt(await this.get(customerId), receivedAt, messageId);
  }

  async get(customerId: string): Promise<CustomerStatsDoc | null> {
    return parseDocOrNull(
      CustomerStatsDocSchema,
      collection,
      await this.col.findOne({ _id: customerId }),
    );
  }

  /** Brings the open-case set in line with the case's stored main task (newest projection). */
  async syncCase(customerId: string, caseId: string): Promise<void> {
    await this.ready();
    await this.serialise(customerId, async () => {
      // Read under the customer's queue: whichever sync runs last sees the newest projection.
      const task = await this.tasks.get(caseId);
      const open = task !== null && task.status !== 'closed';
      await this.write(customerId, (stats) => withCaseOpen(stats, caseId, open));
    });
  }

  async recordContact(customerId: string, contact: Contact): Promise<void> {
    await this.ready();
    await this.serialise(customerId, () =>
      this.write(customerId, (stats) => withContact(stats, contact)),
    );
  }

  /** Runs the one-time backfill if this database has not had it; later calls wait on the first. */
  ready(): Promise<void> {
    this.backfilled ??= this.backfill().catch((err: unknown) => {
      this.backfilled = undefined;
      throw err;
    });
    return this.backfilled;
  }

  private async backfill(): Promise<void> {
    const done = await this.migrations.findOne({ _id: backfillId });
    if (parseDocOrNull(MigrationDocSchema, 'storeMigrations', done)) return;
    const computed = new Map<string, { open: string[]; closed: string[]; contacts: Contact[] }>();
    const entry = (customerId: string) => {
      let found = computed.get(customerId);
      if (!found) computed.set(customerId, (found = { open: [], closed: [], contacts: [] }));
      return found;
    };
    const tasks = this.tasksCol.find(
      { kind: 'case' },
      { projection: { _id: 0, customerId: 1, caseId: 1, status: 1 } },
    );
    for await (const raw of tasks) {
      const task = parseDoc(CaseTaskSchema, 'tasks', raw);
      entry(task.customerId)[task.status === 'closed' ? 'closed' : 'open'].push(task.caseId);
    }
    const events = this.eventsCol.find(
      { type: { $in: [...contactEventTypes] } },
      { projection: { _id: 1, customerId: 1, at: 1, 'data.messageId': 1 } },
    );
    for await (const raw of events) {
      const event = parseDoc(ContactEventSchema, 'events', raw);
      const messageId = event.data?.messageId;
      entry(event.customerId).contacts.push({
        key: event._id,
        at: event.at,
        messageId: typeof messageId === 'string' ? messageId : null,
      });
    }
    // Customers without counters yet (all of them, on an upgrade) are inserted in batches.
    const existing = new Set(
      (await this.col.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id),
    );
    const fresh: CustomerStatsDoc[] = [];
    for (const [customerId, found] of computed) {
      if (existing.has(customerId)) await this.merge(customerId, found);
      else fresh.push(mergeComputed(emptyStats(customerId), found) ?? emptyStats(customerId));
    }
    for (let i = 0; i < fresh.length; i += backfillBatch) {
      const batch = fresh.slice(i, i + backfillBatch);
      try {
        await this.col.insertMany(batch, { ordered: false });
      } catch (err) {
        // Another worker wrote some of them meanwhile: merge those one by one.
        if (!isDuplicateKey(err)) throw err;
        for (const doc of batch) await this.merge(doc._id, computed.get(doc._id)!);
      }
    }
    await this.migrations.updateOne(
      { _id: backfillId },
      { $setOnInsert: { doneAt: new Date() } },
      { upsert: true },
    );
  }

  private merge(customerId: string, found: Parameters<typeof mergeComputed>[1]): Promise<void> {
    return this.serialise(customerId, () =>
      this.write(customerId, (stats) => mergeComputed(stats, found)),
    );
  }

  private serialise<T>(customerId: string, fn: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(customerId) ?? Promise.resolve()).then(fn);
    const tail = run.catch(() => undefined);
    this.queues.set(customerId, tail);
    void tail.then(() => {
      if (this.queues.get(customerId) === tail) this.queues.delete(customerId);
    });
    return run;
  }

  /**
   * Read, change, write back, filtered by `_id` alone: FerretDB's SQLite backend pushes down
   * nothing else, so a `{ _id, rev }` compare-and-set would scan the collection. It has no atomic
   * read-modify-write either (an update queries, then writes): the per-customer queue is what
   * keeps one worker's writes from overwriting each other. `change` returns null for no change.
   */
  private async write(
    customerId: string,
    change: (stats: CustomerStatsDoc) => CustomerStatsDoc | null,
  ): Promise<void> {
    const current = await this.get(customerId);
    const next = change(current ?? emptyStats(customerId));
    if (!next) return;
    const { openCaseIds, contacts } = next;
    await this.col.replaceOne({ _id: customerId }, { openCaseIds, contacts }, { upsert: true });
  }
}
