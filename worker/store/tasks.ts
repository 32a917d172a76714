import { Semaphore } from 'async-mutex';
import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { ChannelSchema } from '../../rules/model/channel';
import { CaseStatusSchema } from '../../workflows/contracts/case';
import { type Task, TaskKindSchema, TaskSchema } from '../../workflows/contracts/task';
import { isDuplicateKey } from './mongo';
import { parseDoc, parseDocOrNull } from './parseDoc';
import { KeyedLock } from './keyedLock';
import {
  counterDeltas,
  CounterDeltaSchema,
  type Tally,
  tallyKeys,
  TaskListCounts,
} from './taskListCounts';
import {
  compareIn,
  countersOf,
  covering,
  escalatedTallyId,
  listId,
  listKeysOf,
  type ListScope,
  noTimeHour,
  queueOfList,
  timeOfKey,
  type TaskOrder,
  TaskOrderSchema,
  unassignedTallyId,
  workListId,
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
  assignee: true,
  escalationLevel: true,
  listKeys: true,
  pending: true,
});

const collection = 'tasks';
const gateUnits = 1_000;
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

/** A queue's agent work (open tasks neither resolved nor surveying), for the dashboard. */
export interface QueueBacklog {
  queue: string;
  open: number;
  /** Due before now. */
  overdue: number;
  escalated: number;
  unassigned: number;
}

/** Each order in MongoDB terms, for the lists read with a filter of their own. */
const sorts = {
  urgency: { priority: 1, dueAt: 1, _id: 1 },
  due: { dueAt: 1, priority: 1, _id: 1 },
  age: { openedAt: 1, _id: 1 },
  queue: { queue: 1, priority: 1, dueAt: 1, _id: 1 },
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

/** What a walk reads: a list, and in a due-time list a priority and a due-before cut. */
interface Walk {
  list: string;
  priority?: number;
  dueBefore?: string;
}

/**
 * The walk that serves `filter` in `order`, or null for a filter it does not (then one query).
 * Walked: all open tasks, one queue, the unassigned or the escalated ones, in each order; in the
 * urgency and due orders also a priority and a due-before cut (the "breaching" view).
 */
function walkFor(filter: TaskFilter, order: TaskOrder): Walk | null {
  // The lists are kept per queue or across queues, never in queue order: one indexed query.
  if (order === 'queue') return null;
  const { queue, priority, dueBefore, unassigned, escalated, ...others } = filter;
  if (Object.values(others).some((v) => v !== undefined)) return null;
  const scopes: ListScope[] = [
    ...(queue === undefined ? [] : [{ queue }]),
    ...(unassigned ? (['unassigned'] as const) : []),
    ...(escalated ? (['escalated'] as const) : []),
  ];
  if (scopes.length > 1) return null;
  const scope = scopes[0] ?? 'all';
  if (order !== 'age') return { list: listId('due', scope), priority, dueBefore };
  const perQueue = typeof scope === 'object' || scope === 'all';
  return perQueue && priority === undefined && dueBefore === undefined
    ? { list: listId('opened', scope) }
    : null;
}

/** Hour buckets read together: one per priority in the due order, or a single one. */
interface Group {
  keys: string[];
  n: number;
  /** The group's tasks, once read (the bucket of a due-before cut is read to be counted). */
  tasks?: Task[];
}

const sameKeys = (a: readonly string[] | undefined, b: readonly string[]) =>
  a !== undefined && a.length === b.length && a.every((k, i) => k === b[i]);

/** The agent task projection: a case's main task and its callback / follow-up tasks. */
export class TaskStore {
  readonly col: Collection<TaskDoc>;
  readonly counts: TaskListCounts;
  private readonly migrations: Collection<{ _id: string; doneAt: Date }>;
  /**
   * A task's writes take turns (each reads the task's last state first), and so do the updates
   * of a counter: FerretDB has no atomic read-modify-write (an update reads, then writes), so two
   * increments at once could lose one. Writes of other tasks and counters go on meanwhile, so one
   * stuck on an unreachable store holds up no other.
   */
  private readonly locks = new KeyedLock();
  /** Writes hold one unit; a recount all of them, so it runs alone. */
  private readonly gate = new Semaphore(gateUnits);

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
    await this.col.createIndex(sorts.queue);
    // The list buckets: each page is read as equality queries on this field.
    await this.col.createIndex({ listKeys: 1 });
    await this.counts.ensureIndexes();
    // Tasks stored before the buckets existed are counted once.
    const marker = 'taskLists-v2';
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
    await this.gate.runExclusive(() =>
      this.locks.run([`task:${task.taskId}`], () => this.write(task)),
    );
  }

  private async write(task: Task): Promise<void> {
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
  }

  /** Applies a write's counter changes (once), then marks them done on the task and counters. */
  private async settle(taskId: string, pending: Pending): Promise<void> {
    const counters = pending.deltas.map((d) => `counter:${d._id}`);
    await this.locks.run(counters, () => this.counts.apply(pending.op, pending.deltas));
    await this.col.updateOne(
      { _id: taskId, 'pending.op': pending.op },
      { $unset: { pending: '' } },
    );
    await this.locks.run(counters, () => this.counts.release(pending.op, pending.deltas));
  }

  /**
   * Rebuilds every list counter and bucket key from the tasks themselves: the repair after a
   * failure, and the migration of tasks stored before the buckets. Reads every task; task writes
   * wait meanwhile.
   */
  async recount(): Promise<void> {
    await this.gate.runExclusive(async () => {
      const counts = new Map<string, Tally>();
      let fixes: { updateOne: { filter: { _id: string }; update: object } }[] = [];
      const flush = async () => {
        if (fixes.length) await this.col.bulkWrite(fixes, { ordered: false });
        fixes = [];
      };
      const fields = Object.fromEntries(Object.keys(ListedSchema.shape).map((k) => [k, 1]));
      for await (const raw of this.col.find({}, { projection: fields })) {
        const task = parseDoc(ListedSchema, collection, raw);
        const keys = listKeysOf(task);
        tallyKeys(counts, keys);
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
    }, gateUnits);
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
    const walk = walkFor(parsed, order);
    if (walk) return this.walk(walk, order, page * pageSize, pageSize);
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
   * `limit` tasks of a list from `offset`: its day counters say which hour buckets hold them,
   * so a page is two rounds of reads whatever its depth (three with a due-before cut, whose
   * last hour is read to be counted), each round in parallel.
   */
  private async walk(
    walk: Walk,
    order: TaskOrder,
    offset: number,
    limit: number,
  ): Promise<TaskPage> {
    const groups = await this.groups(walk, order);
    const total = groups.reduce((sum, g) => sum + g.n, 0);
    const page = covering(groups, offset, limit);
    const read = await Promise.all(page.buckets.map((g) => g.tasks ?? this.bucket(g.keys)));
    const tasks = read.flatMap((some) => some.sort(compareIn(order)));
    // A count a moment behind its bucket shifts the page by that much, never further.
    return { tasks: tasks.slice(page.skip, page.skip + limit), total };
  }

  /** The hour buckets of a walk, counted, in the order's sequence. */
  private async groups({ list, priority, dueBefore }: Walk, order: TaskOrder): Promise<Group[]> {
    const prefix = priority === undefined ? `${list}|` : `${list}|${priority}/`;
    const cut = dueBefore === undefined ? undefined : dueBefore.slice(0, 13);
    // The due order merges a due-time list's priorities hour by hour.
    const merge = order === 'due' && list.startsWith('u/');
    const groups = new Map<string, Group>();
    for (const day of await this.counts.days(list)) {
      if (!day._id.startsWith(prefix)) continue;
      for (const [hour, n] of Object.entries(day.h ?? {})) {
        const key = `${day._id}${hour}`;
        const time = timeOfKey(key);
        if (n <= 0 || (cut !== undefined && (time === noTimeHour || time > cut))) continue;
        const id = merge ? time : key;
        const group = groups.get(id) ?? { keys: [], n: 0 };
        group.keys.push(key);
        group.n += n;
        groups.set(id, group);
      }
    }
    const sorted = [...groups].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, g]) => g);
    if (dueBefore === undefined) return sorted;
    // The cut's own hour holds tasks on both sides of it: read and counted.
    const before = Date.parse(dueBefore);
    await Promise.all(
      sorted
        .filter((g) => timeOfKey(g.keys[0]!) === cut)
        .map(async (g) => {
          g.tasks = (await this.bucket(g.keys)).filter((t) => Date.parse(t.dueAt!) < before);
          g.n = g.tasks.length;
        }),
    );
    return sorted;
  }

  /** The tasks of some hour buckets: one equality query each, which FerretDB serves from an index. */
  private async bucket(keys: readonly string[]): Promise<Task[]> {
    const docs = await Promise.all(keys.map((key) => this.col.find({ listKeys: key }).toArray()));
    return docs.flat().map(toTask);
  }

  /**
   * Each queue's agent work from the counters: its work list's day counters (and the current
   * hour's bucket, read to split it at now) and its tallies; queues without work are left out.
   */
  async backlog(now: Date): Promise<QueueBacklog[]> {
    const tallies = new Map((await this.counts.lists()).map((c) => [c._id, c.n]));
    const rows = await Promise.all(
      (await this.openQueues()).map(async (queue): Promise<QueueBacklog> => {
        const list = workListId(queue);
        const [all, overdue] = await Promise.all([
          this.groups({ list }, 'due'),
          this.groups({ list, dueBefore: now.toISOString() }, 'due'),
        ]);
        return {
          queue,
          open: all.reduce((sum, g) => sum + g.n, 0),
          overdue: overdue.reduce((sum, g) => sum + g.n, 0),
          escalated: tallies.get(escalatedTallyId(queue)) ?? 0,
          unassigned: tallies.get(unassignedTallyId(queue)) ?? 0,
        };
      }),
    );
    return rows.filter((r) => r.open > 0).sort((a, b) => b.open - a.open);
  }

  /** The queues that have open work, sorted: the task list's filter and transfer suggestions. */
  async openQueues(): Promise<string[]> {
    return (await this.counts.lists())
      .filter((c) => c.n > 0 && c._id.startsWith('u/'))
      .map((c) => queueOfList(c._id))
      .filter((q) => q !== null)
      .sort();
  }

  /** Open tasks, most urgent first: priority, then the earliest due time. */
  async listOpen(filter: { queue?: string; limit?: number } = {}): Promise<Task[]> {
    const scope: ListScope = filter.queue ? { queue: filter.queue } : 'all';
    const { tasks } = await this.walk(
      { list: listId('due', scope) },
      'urgency',
      0,
      filter.limit ?? 500,
    );
    return tasks;
  }
}
