import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { ChannelSchema } from '../../rules/model/channel';
import { CaseStatusSchema } from '../../workflows/contracts/case';
import { type Task, TaskKindSchema, TaskSchema } from '../../workflows/contracts/task';
import { isDuplicateKey } from './mongo';
import { parseDoc, parseDocOrNull } from './parseDoc';

export const TaskDocSchema = TaskSchema.extend({ _id: z.string() });
type TaskDoc = z.infer<typeof TaskDocSchema>;

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
});
export type TaskFilter = z.infer<typeof TaskFilterSchema>;

/** One page of the task list, and how many open tasks match in all. */
export interface TaskPage {
  tasks: Task[];
  total: number;
}

/** Most urgent first; the id last, so that paging never skips or repeats a task on ties. */
const urgency = { priority: 1, dueAt: 1, _id: 1 } as const;

function openTasks(filter: TaskFilter): Record<string, unknown> {
  const query: Record<string, unknown> = { status: filter.status ?? { $ne: 'closed' } };
  for (const field of ['queue', 'kind', 'priority', 'channel', 'assignee'] as const)
    if (filter[field] !== undefined) query[field] = filter[field];
  return query;
}

/** The agent task projection: a case's main task and its callback / follow-up tasks. */
export class TaskStore {
  readonly col: Collection<TaskDoc>;

  constructor(db: Db) {
    this.col = db.collection<TaskDoc>(collection);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ queue: 1, status: 1, priority: 1, dueAt: 1 });
    await this.col.createIndex({ caseId: 1 });
    // The task list's order, which its paging follows.
    await this.col.createIndex(urgency);
  }

  /** Writes the task unless a newer one (higher seq) is already stored. */
  async upsert(task: Task): Promise<void> {
    try {
      await this.col.updateOne(
        { _id: task.taskId, seq: { $lt: task.seq } },
        { $set: task },
        { upsert: true },
      );
    } catch (err) {
      // The filter missed because a newer seq is stored, and the insert hit the existing _id.
      if (!isDuplicateKey(err)) throw err;
    }
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
   * Page `page` (from 0) of the open tasks that match `filter`, most urgent first: the filters,
   * the order and the paging all run in the database, so no task is out of reach.
   */
  async listPage(filter: TaskFilter, page: number, pageSize: number): Promise<TaskPage> {
    const query = openTasks(TaskFilterSchema.parse(filter));
    const [docs, total] = await Promise.all([
      this.col
        .find(query)
        .sort(urgency)
        .skip(page * pageSize)
        .limit(pageSize)
        .toArray(),
      this.col.countDocuments(query),
    ]);
    return { tasks: docs.map(toTask), total };
  }

  /** The queues that have open work, sorted: the task list's filter and transfer suggestions. */
  async openQueues(): Promise<string[]> {
    const queues = await this.col.distinct('queue', { status: { $ne: 'closed' } });
    return z.array(z.string()).parse(queues).sort();
  }

  /** Open tasks, most urgent first: priority, then the earliest due time. */
  async listOpen(filter: { queue?: string; limit?: number } = {}): Promise<Task[]> {
    const query: Record<string, unknown> = { status: { $ne: 'closed' } };
    if (filter.queue) query.queue = filter.queue;
    const docs = await this.col
      .find(query)
      .sort({ priority: 1, dueAt: 1 })
      .limit(filter.limit ?? 500)
      .toArray();
    return docs.map(toTask);
  }
}
