import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { type Task, TaskSchema } from '../../workflows/contracts/task';
import { isDuplicateKey } from './mongo';
import { parseDoc, parseDocOrNull } from './parseDoc';

export const TaskDocSchema = TaskSchema.extend({ _id: z.string() });
type TaskDoc = z.infer<typeof TaskDocSchema>;

const collection = 'tasks';
/** Zod drops the `_id` that mirrors `taskId`. */
const toTask = (doc: unknown): Task => parseDoc(TaskSchema, collection, doc);

/** The agent task projection: a case's main task and its callback / follow-up tasks. */
export class TaskStore {
  readonly col: Collection<TaskDoc>;

  constructor(db: Db) {
    this.col = db.collection<TaskDoc>(collection);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ queue: 1, status: 1, priority: 1, dueAt: 1 });
    await this.col.createIndex({ caseId: 1 });
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
