import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Task } from '../../workflows/contracts/task';
import type { Mongo } from '../../worker/store/mongo';
import type { Stores } from '../../worker/store/stores';
import type { TaskFilter } from '../../worker/store/tasks';
import { freshDatabase } from '../support/relaisWorker';
import { backlogTask, storeTasks } from '../support/taskFixtures';

let mongo: Mongo;
let stores: Stores;

beforeEach(async () => {
  ({ mongo, stores } = await freshDatabase());
});

afterEach(async () => {
  await mongo.close();
});

/** Every page of the list for `filter`, in order. */
async function allPages(filter: TaskFilter, pageSize: number): Promise<Task[]> {
  const tasks: Task[] = [];
  for (let page = 0; ; page++) {
    const { tasks: some } = await stores.tasks.listPage(filter, page, pageSize);
    tasks.push(...some);
    if (some.length < pageSize) return tasks;
  }
}

describe('the task list query', () => {
  it('finds a task behind 520 more urgent ones, by filter and by paging', async () => {
    const backlog = Array.from({ length: 520 }, (_, i) => backlogTask(i));
    const last = backlogTask(520, { queue: 'litiges', priority: 5, customerName: 'Zoé Dernière' });
    await storeTasks(stores, [...backlog, last]);

    const byQueue = await stores.tasks.listPage({ queue: 'litiges' }, 0, 50);
    expect(byQueue).toEqual({ tasks: [last], total: 1 });

    const lastPage = await stores.tasks.listPage({}, 10, 50);
    expect(lastPage.total).toBe(521);
    expect(lastPage.tasks.map((t) => t.taskId)).toContain(last.taskId);
    expect(lastPage.tasks.at(-1)).toEqual(last);
  });

  it('pages through every open task once, most urgent first, ties in a stable order', async () => {
    // Equal priority and due time for many tasks: only the id orders them.
    const tasks = Array.from({ length: 137 }, (_, i) =>
      backlogTask(i, { priority: (i % 3) + 1, dueAt: i % 2 ? null : '2026-03-10T12:00:00.000Z' }),
    );
    await storeTasks(stores, tasks);

    const seen = await allPages({}, 20);

    expect(seen).toHaveLength(137);
    expect(new Set(seen.map((t) => t.taskId)).size).toBe(137);
    // MongoDB sorts a null due time before any date.
    const sorted = [...tasks].sort(
      (a, b) =>
        a.priority - b.priority ||
        (a.dueAt ?? '').localeCompare(b.dueAt ?? '') ||
        a.taskId.localeCompare(b.taskId),
    );
    expect(seen.map((t) => t.taskId)).toEqual(sorted.map((t) => t.taskId));
  });

  it('filters in the query on queue, kind, status, priority, channel and agent', async () => {
    const tasks = Array.from({ length: 90 }, (_, i) =>
      backlogTask(i, {
        queue: ['billing', 'logistics', 'general'][i % 3]!,
        kind: i % 5 === 0 ? 'callback' : 'case',
        status: i % 4 === 0 ? 'assigned' : 'queued',
        priority: (i % 5) + 1,
        channel: i % 2 ? 'email' : 'phone',
        assignee: i % 4 === 0 ? 'agent' : null,
      }),
    );
    const closed = backlogTask(90, { queue: 'billing', status: 'closed' });
    await storeTasks(stores, [...tasks, closed]);

    const filters: TaskFilter[] = [
      { queue: 'billing' },
      { kind: 'callback' },
      { status: 'assigned' },
      { priority: 2 },
      { channel: 'phone' },
      { assignee: 'agent' },
      { queue: 'billing', channel: 'email', priority: 4 },
    ];
    for (const filter of filters) {
      const expected = tasks.filter((t) =>
        Object.entries(filter).every(([k, v]) => t[k as keyof Task] === v),
      );
      const page = await stores.tasks.listPage(filter, 0, 200);
      expect(page.total, JSON.stringify(filter)).toBe(expected.length);
      expect(page.tasks.map((t) => t.taskId).sort()).toEqual(expected.map((t) => t.taskId).sort());
    }
  });

  it('lists the queues that have open work, without reading the tasks', async () => {
    await storeTasks(stores, [
      backlogTask(1, { queue: 'billing' }),
      backlogTask(2, { queue: 'billing' }),
      backlogTask(3, { queue: 'sales' }),
      backlogTask(4, { queue: 'archive', status: 'closed' }),
    ]);
    await expect(stores.tasks.openQueues()).resolves.toEqual(['billing', 'sales']);
  });

  it('has an index for the order the list pages in', async () => {
    await stores.tasks.ensureIndexes();
    const keys = (await stores.tasks.col.listIndexes().toArray()).map((i) => i.key);
    expect(keys).toContainEqual({ priority: 1, dueAt: 1, _id: 1 });
  });
});
