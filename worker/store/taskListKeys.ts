import { z } from 'zod';
import type { Task } from '../../workflows/contracts/task';

/**
 * The task list's buckets. FerretDB pushes equality filters down to an index but sorts, limits
 * and counts by decoding every matching document, so a list is read as a walk over small
 * buckets, each one an equality query: a task carries the hour bucket it sits in for each list
 * order and scope (`listKeys`), and counters per hour, per day and per list say how many tasks
 * each holds, so that a page (deep ones too) and the total come from a few small reads.
 *
 * A key is `<list>|<bucket>`; a list is `<order>/<scope>`, the scope `*` (every queue) or
 * `q=<queue>`. Buckets sort as strings in the list's order; a missing due time is the year 0,
 * first, as MongoDB sorts null before any date.
 */
export const TaskOrderSchema = z.enum(['urgency', 'due', 'age']);
export type TaskOrder = z.infer<typeof TaskOrderSchema>;

const orderCode: Record<TaskOrder, string> = { urgency: 'u', due: 'd', age: 'a' };

export const allQueues = '*';
export const listId = (order: TaskOrder, queue?: string): string =>
  `${orderCode[order]}/${queue === undefined ? allQueues : `q=${encodeURIComponent(queue)}`}`;

/** The queue of a per-queue urgency list id, or null for any other list. */
export function queueOfList(list: string): string | null {
  return list.startsWith('u/q=') ? decodeURIComponent(list.slice(4)) : null;
}

type Sortable = Pick<Task, 'taskId' | 'priority' | 'dueAt' | 'openedAt'>;

/** `2026-11-05T14` for an ISO time; for none, an hour before any date. */
const hourOf = (iso: string | null) => (iso ?? '0000-00-00T00').slice(0, 13);
const dayOf = (hour: string) => hour.slice(0, 10);

/** The hour bucket of a task in a list order (what follows `<list>|`). */
function hourBucket(order: TaskOrder, task: Sortable): string {
  if (order === 'urgency') return `${task.priority}/${hourOf(task.dueAt)}`;
  return hourOf(order === 'due' ? task.dueAt : task.openedAt);
}

/** A day counter's id from an hour key: the same list, the bucket cut to its day. */
export function dayKeyOf(hourKey: string): string {
  const bar = hourKey.indexOf('|');
  const bucket = hourKey.slice(bar + 1);
  // Queue names are URI-encoded, so the only `/` after the bar follows an urgency's priority.
  const slash = bucket.indexOf('/');
  return hourKey.slice(0, bar + 1) + bucket.slice(0, slash + 1) + dayOf(bucket.slice(slash + 1));
}

/** The list id of a key (`u/*` for `u/*|3/2026-11-05`). */
export const listOfKey = (key: string): string => key.slice(0, key.indexOf('|'));

/** The hour keys an open task sits in, one per order and scope; none once it is closed. */
export function listKeysOf(task: Sortable & Pick<Task, 'status' | 'queue'>): string[] {
  if (task.status === 'closed') return [];
  return TaskOrderSchema.options.flatMap((order) =>
    [listId(order), listId(order, task.queue)].map((list) => `${list}|${hourBucket(order, task)}`),
  );
}

export type CounterLevel = 'list' | 'day' | 'hour';
export interface CounterRef {
  _id: string;
  level: CounterLevel;
  /** The counter one level up: a day's list, an hour's day. */
  parent?: string;
}

/** Every counter a set of hour keys moves: its hours, their days, and the urgency lists' totals. */
export function countersOf(keys: readonly string[]): CounterRef[] {
  return keys.flatMap((key) => {
    const day = dayKeyOf(key);
    const list = listOfKey(key);
    const refs: CounterRef[] = [
      { _id: key, level: 'hour', parent: day },
      { _id: day, level: 'day', parent: list },
    ];
    // Every order holds the same tasks: one total per scope is enough.
    if (list.startsWith('u/')) refs.push({ _id: list, level: 'list' });
    return refs;
  });
}

const byId = (a: Sortable, b: Sortable) => (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0);
const byTime = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;

/** The list's full order inside a bucket; the id last, so that paging never skips on ties. */
export function compareIn(order: TaskOrder): (a: Sortable, b: Sortable) => number {
  if (order === 'urgency')
    return (a, b) => a.priority - b.priority || byTime(a.dueAt, b.dueAt) || byId(a, b);
  if (order === 'due')
    return (a, b) => byTime(a.dueAt, b.dueAt) || a.priority - b.priority || byId(a, b);
  return (a, b) => byTime(a.openedAt, b.openedAt) || byId(a, b);
}

/**
 * The run of counted buckets that holds positions `offset` to `offset + limit - 1` of their
 * concatenation, and how many of the first one's tasks come before `offset`.
 */
export function covering<T extends { n: number }>(
  buckets: readonly T[],
  offset: number,
  limit: number,
): { buckets: T[]; skip: number } {
  const found: T[] = [];
  let before = 0;
  let skip = 0;
  for (const bucket of buckets) {
    if (bucket.n > 0 && before + bucket.n > offset && before < offset + limit) {
      if (found.length === 0) skip = offset - before;
      found.push(bucket);
    }
    before += bucket.n;
  }
  return { buckets: found, skip };
}
