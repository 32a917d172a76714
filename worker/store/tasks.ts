import { Mutex } from 'async-mutex';
import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { ChannelSchema } from '../../rules/model/channel';
import { CaseStatusSchema } from '../../workflows/contracts/case';
import { type Task, TaskKindSchema, TaskSchema } from '../../workflows/contracts/task';
import { isDuplicateKey } from './mongo';
import { parseDoc, parseDocOrNull } from './parseDoc';
import { counterDeltas, CounterDeltaSchema, TaskListCounts } from './taskListCounts';
import {
  compareIn,
  countersOf,
  covering,
  listId,
  listKeysOf,
  queueOfList,
  type TaskOrder,
  TaskOrderSchema,
} from './taskListKeys';

/** A counters update a task write started; cleared once every counter has it. */
const PendingSchema = z.object({ op: z.string(), deltas: z.array(CounterDeltaSchema) });
type Pending = z.infer<typeof PendingSchema>;

export const TaskDocSchema = TaskSchema.extend({
  _id: z.string(),
  /** The list buckets the task is counted in (`taskListKeys.ts`). */
  listKeys: z.array(z.string()).optional(),
  pending: PendingSchema.optional(),
});
type TaskDoc = z.infer<typeof TaskDocSchema>;
const ListStateSchema = TaskDocSchema.pick({ seq: true, listKeys: true, pending: true });
const ListedSchema = TaskDocSchema.pick({
  taskId: true,
  status: true,
  queue: true,
  priority: true,
  dueAt: true,
  openedAt: true,
  listKeys: true,
  pending: true,
});

const collection = 'tasks';
/** Zod drops the `_id` that mirrors `taskId`. */
const toTask = (doc: unknown): Task => parseDoc(TaskSchema, collection, doc);

/** What the task list filters open tasks on; an absent field means "all". */
export const TaskFilterSchema = z.object({
  queue: z.string().min(1).optional(),
  kind: TaskKindSchema.optional(),
  status: CaseStatusSchema.exclude(['closed']).optional(),
  priority: z.number().int().min(1).max(5).optional(),
  channel: ChannelSchema.optional(),
  assignee: z.string().min(1).optional(),
  unassigned: z.literal(true).optional(),
  escalated: z.literal(true).optional(),
  /** Due before this time (breached ones included). */
  dueBefore: z.iso.datetime().optional(),
});
export type TaskFilter = z.infer<typeof TaskFilterSchema>;
export { type TaskOrder, TaskOrderSchema };

/** One page of the task list, and how many open tasks match in all. */
export interface TaskPage {
  tasks: Task[];
  total: number;
}

/** Each order in MongoDB terms, for the lists read with a filter of their own. */
const sorts = {
  urgency: { priority: 1, dueAt: 1, _id: 1 },
  due: { dueAt: 1, priority: 1, _id: 1 },
  age: { openedAt: 1, _id: 1 },
} as const;

function openTasks(filter: TaskFilter): Record<string, unknown> {
  const query: Record<string, unknown> = { status: filter.status ?? { $ne: 'closed' } };
  for (const field of ['queue', 'kind', 'priority', 'channel', 'assignee'] as const)
    if (filter[field] !== undefined) query[field] = filter[field];
  if (filter.unassigned && filter.assignee === undefined) query.assignee = null;
  if (filter.escalated) query.escalationLevel = { $gt: 0 };
  if (filter.dueBefore) query.dueAt = { $lt: filter.dueBefore };
  return query;
}

/** The filters the bucket walk serves: a queue, and a priority in the urgency order. */
function walkable(filter: TaskFilter, order: TaskOrder): boolean {
  const others = Object.entries(filter).filter(
    ([field, value]) => value !== undefined && field !== 'queue' && field !== 'priority',
  );
  return others.length === 0 && (filter.priority === undefined || order === 'urgency');
}

const sameKeys = (a: readonly string[] | undefined, b: readonly string[]) =>
  a !== undefined && a.length === b.length && a.every((k, i) => k === b[i]);

/** The agent task projection: a case's main task and its callback / follow-up tasks. */
export class TaskStore {
  readonly col: Collection<TaskDoc>;
  readonly counts: TaskListCounts;
  private readonly migrations: Collection<{ _id: string; doneAt: Date }>;
  /**
   * FerretDB has no atomic read-modify-write (an update reads, then writes), so this process's
   * task writes take turns: two counter increments never overwrite each other.
   */
  private readonly writing = new Mutex();

  constructor(db: Db) {
    this.col = db.collection<TaskDoc>(collection);
    this.counts = new TaskListCounts(db);
    this.migrations = db.collection('storeMigrations');
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ queue: 1, status: 1, priority: 1, dueAt: 1 });
    await this.col.createIndex({ caseId: 1 });
    // The 'my work' view: an agent's few tasks among all the open ones.
    await this.col.createIndex({ assignee: 1 });
    await this.col.createIndex(sorts.urgency);
    // The list buckets: each page is read as equality queries on this field.
    await this.col.createIndex({ listKeys: 1 });
    await this.counts.ensureIndexes();
    // Tasks stored before the buckets existed are counted once.
    const marker = 'taskLists-v1';
    if (!(await this.migrations.findOne({ _id: marker }))) {
      await this.recount();
      await this.migrations.updateOne(
        { _id: marker },
        { $set: { doneAt: new Date() } },
        { upsert: true },
      );
    }
  }

  /**
   * Writes the task unless a newer one (higher seq) is already stored, and moves it between the
   * list counters. A write that stopped half-way (crash, timeout) is finished by the next write
   * of the task, its retry included, and counts nothing twice.
   */
  async upsert(task: Task): Promise<void> {
    await this.writing.runExclusive(async () => {
      const state = parseDocOrNull(
        ListStateSchema,
        collection,
        await this.col.findOne(
          { _id: task.taskId },
          { projection: { seq: 1, listKeys: 1, pending: 1 } },
        ),
      );
      if (state?.pending) await this.settle(task.taskId, state.pending);
      if (state && state.seq >= task.seq) return;
      const listKeys = listKeysOf(task);
      const deltas = counterDeltas(countersOf(state?.listKeys ?? []), countersOf(listKeys));
      const pending = deltas.length > 0 ? { op: `${task.taskId}@${task.seq}`, deltas } : null;
      try {
        await this.col.updateOne(
          { _id: task.taskId, seq: { $lt: task.seq } },
          { $set: { ...task, listKeys, ...(pending ? { pending } : {}) } },
          { upsert: true },
        );
      } catch (err) {
        // Another process stored a newer seq meanwhile; the insert hit the existing _id.
        if (isDuplicateKey(err)) return;
        throw err;
      }
      if (pending) await this.settle(task.taskId, pending);
    });
  }

  /** Applies a write's counter changes (once), then marks them done on the task and counters. */
  private async settle(taskId: string, pending: Pending): Promise<void> {
    await this.counts.apply(pending.op, pending.deltas);
    await this.col.updateOne(
      { _id: taskId, 'pending.op': pending.op },
      { $unset: { pending: '' } },
    );
    await this.counts.release(pending.op, pending.deltas);
  }

  /**
   * Rebuilds every list counter and bucket key from the tasks themselves: the repair after a
   * failure, and the migration of tasks stored before the buckets. Reads every task.
   */
  async recount(): Promise<void> {
    await this.writing.runExclusive(async () => {
      const counts = new Map<
        string,
        { level: 'list' | 'day' | 'hour'; parent?: string; n: number }
      >();
      let fixes: { updateOne: { filter: { _id: string }; update: object } }[] = [];
      const flush = async () => {
        if (fixes.length) await this.col.bulkWrite(fixes, { ordered: false });
        fixes = [];
      };
      const fields = Object.fromEntries(Object.keys(ListedSchema.shape).map((k) => [k, 1]));
      for await (const raw of this.col.find({}, { projection: fields })) {
        const task = parseDoc(ListedSchema, collection, raw);
        const keys = listKeysOf(task);
        for (const { _id, level, parent } of countersOf(keys)) {
          const found = counts.get(_id) ?? { level, ...(parent ? { parent } : {}), n: 0 };
          found.n += 1;
          counts.set(_id, found);
        }
        if (task.pending || !sameKeys(task.listKeys, keys))
          fixes.push({
            updateOne: {
              filter: { _id: task.taskId },
              update: { $set: { listKeys: keys }, $unset: { pending: '' } },
            },
          });
        // Small batches: FerretDB runs an update as a read and a write, one document at a time.
        if (fixes.length >= 100) await flush();
      }
      await flush();
      await this.counts.replaceAll(counts);
    });
  }

  /** A task by id; a case's main task has the case id. */
  async get(taskId: string): Promise<Task | null> {
    return parseDocOrNull(TaskSchema, collection, await this.col.findOne({ _id: taskId }));
  }

  async forCase(caseId: string): Promise<Task[]> {
    const docs = await this.col.find({ caseId }).sort({ _id: 1 }).toArray();
    return docs.map(toTask);
  }

  /**
   * Page `page` (from 0) of the open tasks that match `filter`, in `order`: no task is out of
   * reach. All open tasks, one queue, and a priority in the urgency order are read bucket by
   * bucket (a few small equality queries, whatever the backlog); other filters in one query,
   * which costs in proportion to the tasks they match on FerretDB (README "Task list").
   */
  async listPage(
    filter: TaskFilter,
    page: number,
    pageSize: number,
    order: TaskOrder = 'urgency',
  ): Promise<TaskPage> {
    const parsed = TaskFilterSchema.parse(filter);
    if (walkable(parsed, order))
      return this.walk(
        listId(order, parsed.queue),
        parsed.priority,
        order,
        page * pageSize,
        pageSize,
      );
    const query = openTasks(parsed);
    const [docs, total] = await Promise.all([
      this.col
        .find(query)
        .sort(sorts[order])
        .skip(page * pageSize)
        .limit(pageSize)
        .toArray(),
      this.col.countDocuments(query),
    ]);
    return { tasks: docs.map(toTask), total };
  }

  /**
   * `limit` tasks of a list from `offset`: the counts say which days, then which hours, hold
   * them, so a page is three rounds of reads whatever its depth, each round in parallel.
   */
  private async walk(
    list: string,
    priority: number | undefined,
    order: TaskOrder,
    offset: number,
    limit: number,
  ): Promise<TaskPage> {
    const prefix = priority === undefined ? `${list}|` : `${list}|${priority}/`;
    const days = (await this.counts.children(list)).filter((d) => d._id.startsWith(prefix));
    const total = days.reduce((sum, d) => sum + d.n, 0);
    const inDays = covering(days, offset, limit);
    const hours = await Promise.all(inDays.buckets.map((d) => this.counts.children(d._id)));
    const inHours = covering(hours.flat(), inDays.skip, limit);
    const buckets = await Promise.all(
      inHours.buckets.map(async (hour) => {
        const docs = await this.col.find({ listKeys: hour._id }).toArray();
        return docs.map(toTask).sort(compareIn(order));
      }),
    );
    // A count a moment behind its bucket shifts the page by that much, never further.
    return { tasks: buckets.flat().slice(inHours.skip, inHours.skip + limit), total };
  }

  /** The queues that have open work, sorted: the task list's filter and transfer suggestions. */
  async openQueues(): Promise<string[]> {
    return (await this.counts.lists())
      .filter((c) => c.n > 0)
      .map((c) => queueOfList(c._id))
      .filter((q) => q !== null)
      .sort();
  }

  /** Open tasks, most urgent first: priority, then the earliest due time. */
  async listOpen(filter: { queue?: string; limit?: number } = {}): Promise<Task[]> {
    const { tasks } = await this.walk(
      listId('urgency', filter.queue || undefined),
      undefined,
      'urgency',
      0,
      filter.limit ?? 500,
    );
    return tasks;
  }
}
