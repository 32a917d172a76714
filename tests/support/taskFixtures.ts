import type { Task } from '../../workflows/contracts/task';
import type { Stores } from '../../worker/store/stores';
import { listKeysOf } from '../../worker/store/taskListKeys';

const start = Date.parse('2026-03-10T08:00:00Z');

/** Task `i` of a backlog, due one minute after task `i - 1`, as a case's projection writes it. */
export function backlogTask(i: number, overrides: Partial<Task> = {}): Task {
  const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
  return {
    taskId: `case-${String(i).padStart(4, '0')}`,
    kind: 'case',
    caseId: `case-${String(i).padStart(4, '0')}`,
    customerId: `customer-${i}`,
    customerName: `Client ${i}`,
    status: 'queued',
    channel: 'email',
    priority: 3,
    queue: 'general',
    skills: [],
    assignee: null,
    subject: `Demande ${i}`,
    dueAt: at(60 + i),
    escalationLevel: 0,
    openedAt: at(i),
    updatedAt: at(i),
    seq: 1,
    ...overrides,
  };
}

/** Writes the tasks straight into the projection, many at once, in their list buckets. */
export async function storeTasks(stores: Stores, tasks: readonly Task[]): Promise<void> {
  if (tasks.length === 0) return;
  await stores.tasks.col.insertMany(
    tasks.map((t) => ({ ...t, _id: t.taskId, listKeys: listKeysOf(t) })),
  );
  await stores.tasks.recount();
}
