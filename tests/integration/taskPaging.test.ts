import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Task } from '../../workflows/contracts/task';
import type { Mongo } from '../../worker/store/mongo';
import type { Stores } from '../../worker/store/stores';
import { counterDeltas } from '../../worker/store/taskListCounts';
import { countersOf, listKeysOf } from '../../worker/store/taskListKeys';
import type { QueueBacklog, TaskFilter, TaskOrder } from '../../worker/store/tasks';
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

const time = (t: string | null) => t ?? '';
/** Each order as MongoDB sorts it (null due times first), the id last. */
const expected: Record<TaskOrder, (a: Task, b: Task) => number> = {
  urgency: (a, b) =>
    a.priority - b.priority ||
    time(a.dueAt).localeCompare(time(b.dueAt)) ||
    a.taskId.localeCompare(b.taskId),
  due: (a, b) =>
    time(a.dueAt).localeCompare(time(b.dueAt)) ||
    a.priority - b.priority ||
    a.taskId.localeCompare(b.taskId),
  age: (a, b) => a.openedAt.localeCompare(b.openedAt) || a.taskId.localeCompare(b.taskId),
  queue: (a, b) => a.queue.localeCompare(b.queue) || expected.urgency(a, b),
};

/** Every page of the list for `filter`, in order. */
async function allPages(
  filter: TaskFilter,
  pageSize: number,
  order: TaskOrder = 'urgency',
): Promise<Task[]> {
  const tasks: Task[] = [];
  for (let page = 0; ; page++) {
    const { tasks: some } = await stores.tasks.listPage(filter, page, pageSize, order);
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

  it('sorts by due time and by age, over buckets, pages and ties', async () => {
    // Due times and opening times spread over three days and many hours, with ties.
    const tasks = Array.from({ length: 150 }, (_, i) =>
      backlogTask(i, {
        queue: ['billing', 'sales'][i % 2]!,
        priority: (i % 5) + 1,
        dueAt:
          i % 17 === 0
            ? null
            : new Date(Date.UTC(2026, 2, 10 + (i % 3), i % 24, (i * 7) % 60)).toISOString(),
        openedAt: new Date(Date.UTC(2026, 2, 1 + (i % 4), (i * 5) % 24)).toISOString(),
      }),
    );
    await storeTasks(stores, tasks);
    for (const order of ['urgency', 'due', 'age'] as const) {
      const ids = (await allPages({}, 20, order)).map((t) => t.taskId);
      expect(ids, order).toEqual([...tasks].sort(expected[order]).map((t) => t.taskId));
      const billing = (await allPages({ queue: 'billing' }, 7, order)).map((t) => t.taskId);
      const wanted = tasks.filter((t) => t.queue === 'billing').sort(expected[order]);
      expect(billing, `billing ${order}`).toEqual(wanted.map((t) => t.taskId));
    }
    const page3 = await stores.tasks.listPage({ priority: 2 }, 2, 10);
    expect(page3.total).toBe(30);
    expect(page3.tasks.map((t) => t.taskId)).toEqual(
      tasks
        .filter((t) => t.priority === 2)
        .sort(expected.urgency)
        .slice(20, 30)
        .map((t) => t.taskId),
    );
  });

  it('serves the saved views in every order, page by page, with a due-before cut mid-hour', async () => {
    const soon = '2026-03-10T09:15:00.000Z';
    const tasks = Array.from({ length: 90 }, (_, i) =>
      backlogTask(i, {
        queue: ['billing', 'sales'][i % 2]!,
        priority: (i % 4) + 1,
        assignee: i % 3 === 0 ? 'agent' : null,
        escalationLevel: i % 7 === 0 ? 1 : 0,
        // Due from 08:20 to 09:50, a minute apart: the cut falls inside the 09:00 bucket.
        dueAt:
          i % 11 === 0
            ? null
            : new Date(Date.parse('2026-03-10T08:20:00Z') + i * 60_000).toISOString(),
        openedAt: new Date(
          Date.parse('2026-03-09T10:00:00Z') + ((i * 37) % 90) * 600_000,
        ).toISOString(),
      }),
    );
    await storeTasks(stores, tasks);
    const views: [TaskFilter, (t: Task) => boolean][] = [
      [{ unassigned: true }, (t) => t.assignee === null],
      [{ escalated: true }, (t) => t.escalationLevel > 0],
      [{ dueBefore: soon }, (t) => t.dueAt !== null && t.dueAt < soon],
      [
        { dueBefore: soon, priority: 2 },
        (t) => t.dueAt !== null && t.dueAt < soon && t.priority === 2,
      ],
      [{ assignee: 'agent' }, (t) => t.assignee === 'agent'],
    ];
    for (const [filter, keep] of views)
      for (const order of ['urgency', 'due', 'age'] as const) {
        const wanted = tasks.filter(keep).sort(expected[order]);
        const what = `${JSON.stringify(filter)} ${order}`;
        expect((await stores.tasks.listPage(filter, 0, 7, order)).total, what).toBe(wanted.length);
        const seen = await allPages(filter, 7, order);
        expect(
          seen.map((t) => t.taskId),
          what,
        ).toEqual(wanted.map((t) => t.taskId));
      }
  });

  it("counts each queue's agent work for the dashboard from the counters, as tasks move", async () => {
    const now = new Date('2026-03-10T09:30:00.000Z');
    const tasks = Array.from({ length: 60 }, (_, i) =>
      backlogTask(i, {
        queue: ['billing', 'sales', 'litiges'][i % 3]!,
        status: i % 8 === 0 ? 'resolved' : i % 9 === 0 ? 'surveying' : 'queued',
        assignee: i % 4 === 0 ? 'agent' : null,
        escalationLevel: i % 5 === 0 ? 2 : 0,
        // Due from 08:45 to 09:44: some before now inside its own hour, some after.
        dueAt:
          i % 13 === 0
            ? null
            : new Date(Date.parse('2026-03-10T08:45:00Z') + i * 60_000).toISOString(),
      }),
    );
    const backlogOf = (all: Task[]) => {
      const rows = new Map<string, QueueBacklog>();
      for (const t of all.filter((t) => !['resolved', 'surveying', 'closed'].includes(t.status))) {
        const row = rows.get(t.queue) ?? {
          queue: t.queue,
          open: 0,
          overdue: 0,
          escalated: 0,
          unassigned: 0,
        };
        row.open += 1;
        if (t.dueAt !== null && Date.parse(t.dueAt) < now.getTime()) row.overdue += 1;
        if (t.escalationLevel > 0) row.escalated += 1;
        if (t.assignee === null) row.unassigned += 1;
        rows.set(t.queue, row);
      }
      return [...rows.values()].sort((a, b) => b.open - a.open || a.queue.localeCompare(b.queue));
    };
    const sorted = async () =>
      (await stores.tasks.backlog(now)).sort(
        (a, b) => b.open - a.open || a.queue.localeCompare(b.queue),
      );
    await storeTasks(stores, tasks);
    await expect(sorted()).resolves.toEqual(backlogOf(tasks));

    // A claim, an escalation, a resolution, a closing and a move, written as the cases write them.
    const moved = [
      { ...tasks[1]!, seq: 2, assignee: 'ana', status: 'assigned' as const },
      { ...tasks[2]!, seq: 2, escalationLevel: 1 },
      { ...tasks[3]!, seq: 2, status: 'resolved' as const },
      { ...tasks[5]!, seq: 2, status: 'closed' as const },
      { ...tasks[7]!, seq: 2, queue: 'sales', dueAt: '2026-03-10T09:29:00.000Z' },
    ];
    for (const task of moved) await stores.tasks.upsert(task);
    const now_ = tasks.map((t) => moved.find((m) => m.taskId === t.taskId) ?? t);
    await expect(sorted()).resolves.toEqual(backlogOf(now_));
  });

  it('keeps the totals and the queues in step with task writes, closing included', async () => {
    const tasks = Array.from({ length: 12 }, (_, i) =>
      backlogTask(i, { queue: ['billing', 'sales', 'litiges'][i % 3]! }),
    );
    for (const task of tasks) await stores.tasks.upsert(task);
    await expect(stores.tasks.openQueues()).resolves.toEqual(['billing', 'litiges', 'sales']);
    // A stale write (lower seq) changes nothing; newer ones move the task or close it.
    await stores.tasks.upsert({ ...tasks[0]!, seq: 0, queue: 'elsewhere' });
    await stores.tasks.upsert({ ...tasks[1]!, seq: 2, queue: 'billing', priority: 1 });
    await stores.tasks.upsert({ ...tasks[3]!, seq: 2, dueAt: '2026-04-01T10:00:00.000Z' });
    for (const i of [2, 5, 8, 11])
      await stores.tasks.upsert({ ...tasks[i]!, seq: 2, status: 'closed' });

    await expect(stores.tasks.openQueues()).resolves.toEqual(['billing', 'sales']);
    const totals = async () =>
      Promise.all(
        [{}, { queue: 'billing' }, { queue: 'sales' }, { queue: 'litiges' }, { priority: 1 }].map(
          async (f) => (await stores.tasks.listPage(f, 0, 50)).total,
        ),
      );
    await expect(totals()).resolves.toEqual([8, 5, 3, 0, 1]);
    const first = await stores.tasks.listPage({ queue: 'billing' }, 0, 50);
    expect(first.tasks[0]?.taskId).toBe(tasks[1]!.taskId);
    // A recount from the tasks finds the same figures.
    await stores.tasks.recount();
    await expect(totals()).resolves.toEqual([8, 5, 3, 0, 1]);
  });

  it('counts a write once when it is retried after stopping half-way, or sent twice at once', async () => {
    const task = backlogTask(1, { queue: 'billing' });
    await stores.tasks.upsert(task);
    const moved = { ...task, seq: 2, queue: 'sales', priority: 1 };
    // The write stopped after the counters took it, before the task recorded that they had:
    // the activity's retry sends the same write again.
    const deltas = counterDeltas(countersOf(listKeysOf(task)), countersOf(listKeysOf(moved)));
    const pending = { op: `${task.taskId}@2`, deltas };
    await stores.tasks.col.updateOne(
      { _id: task.taskId },
      { $set: { ...moved, listKeys: listKeysOf(moved), pending } },
    );
    await stores.tasks.counts.apply(pending.op, deltas.slice(0, 4));
    await stores.tasks.upsert(moved);
    await Promise.all([1, 2, 3].map(() => stores.tasks.upsert({ ...moved, seq: 3 })));

    const totals = async () =>
      Promise.all(
        [{}, { queue: 'billing' }, { queue: 'sales' }].map(
          async (f) => (await stores.tasks.listPage(f, 0, 50)).total,
        ),
      );
    await expect(totals()).resolves.toEqual([1, 0, 1]);
    for (const order of ['urgency', 'due', 'age'] as const)
      await expect(stores.tasks.listPage({ queue: 'sales' }, 0, 50, order)).resolves.toEqual({
        tasks: [{ ...moved, seq: 3 }],
        total: 1,
      });
    const left = await stores.tasks.counts.col.find({ ops: { $ne: [] } }).toArray();
    expect(left).toEqual([]);
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

  it('sorts by queue in the query, page by page beyond 500 tasks, with a queue filter too', async () => {
    const tasks = Array.from({ length: 530 }, (_, i) =>
      backlogTask(i, {
        queue: ['sales', 'billing', 'logistics'][i % 3]!,
        priority: (i % 5) + 1,
        dueAt: i % 11 === 0 ? null : new Date(Date.UTC(2026, 2, 10, i % 24, i % 60)).toISOString(),
      }),
    );
    await storeTasks(stores, tasks);

    const seen = await allPages({}, 50, 'queue');
    expect(seen.map((t) => t.taskId)).toEqual([...tasks].sort(expected.queue).map((t) => t.taskId));
    const last = await stores.tasks.listPage({}, 10, 50, 'queue');
    expect(last.total).toBe(530);
    expect(last.tasks.at(-1)?.queue).toBe('sales');
    const sales = await allPages({ queue: 'sales', priority: 2 }, 9, 'queue');
    expect(sales.map((t) => t.taskId)).toEqual(
      tasks
        .filter((t) => t.queue === 'sales' && t.priority === 2)
        .sort(expected.queue)
        .map((t) => t.taskId),
    );
  });

  it('has an index for the order the list pages in', async () => {
    await stores.tasks.ensureIndexes();
    const keys = (await stores.tasks.col.listIndexes().toArray()).map((i) => i.key);
    expect(keys).toContainEqual({ priority: 1, dueAt: 1, _id: 1 });
    expect(keys).toContainEqual({ queue: 1, priority: 1, dueAt: 1, _id: 1 });
  });
});
