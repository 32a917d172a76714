import { z } from 'zod';
import type { Task } from '../../workflows/contracts/task';

/**
 * The task list's buckets. FerretDB pushes equality filters down to an index but sorts, limits
 * and counts by decoding every matching document, so a list is read as a walk over small
 * buckets, each one an equality query: a task carries the hour bucket it sits in for each list
 * (`listKeys`), and one counter per list and day, with a count per hour inside, says how many
 * tasks each bucket holds, so that a page (deep ones too) and the total come from a few reads.
 *
 * A key is `<list>|<bucket>`. Lists:
 * - `u/<scope>`: open tasks by due time, buckets `<priority>/<hour>`; they serve the urgency
 *   order and, merged over the priorities, the due-time order. Scopes: `*` every queue,
 *   `q=<queue>` one queue, `n` the unassigned tasks, `e` the escalated ones.
 * - `a/*`, `a/q=<queue>`: open tasks by opening time, buckets `<hour>` (the age order).
 * - `w/q=<queue>`: a queue's agent work (open, neither resolved nor surveying) by due time,
 *   buckets `<hour>`: the dashboard's backlog and overdue figures.
 * - `n/q=<queue>`, `e/q=<queue>`: tallies without buckets, the unassigned and the escalated
 *   agent work of a queue (the dashboard).
 * Buckets sort as strings in the list's order; a missing due time is the year 0, first, as
 * MongoDB sorts null before any date.
 */
export const TaskOrderSchema = z.enum(['urgency', 'due', 'age', 'queue']);
export type TaskOrder = z.infer<typeof TaskOrderSchema>;

/** Which open tasks a list holds. */
export type ListScope = { queue: string } | 'all' | 'unassigned' | 'escalated';

const scopeCode = (scope: ListScope): string =>
  typeof scope === 'object'
    ? `q=${encodeURIComponent(scope.queue)}`
    : { all: '*', unassigned: 'n', escalated: 'e' }[scope];

/** The list by due time (`u/…`) or by opening time (`a/…`) of a scope. */
export const listId = (by: 'due' | 'opened', scope: ListScope): string =>
  `${by === 'due' ? 'u' : 'a'}/${scopeCode(scope)}`;
/** A queue's agent work by due time, and its unassigned and escalated tallies. */
export const workListId = (queue: string): string => `w/${scopeCode({ queue })}`;
export const unassignedTallyId = (queue: string): string => `n/${scopeCode({ queue })}`;
export const escalatedTallyId = (queue: string): string => `e/${scopeCode({ queue })}`;

/** The queue of a per-queue list or tally id (`u/q=…`, `n/q=…`), or null for any other one. */
export function queueOfList(list: string): string | null {
  return /^[a-z]\/q=/.test(list) ? decodeURIComponent(list.slice(4)) : null;
}

/** What the keys are made from. */
export type Listed = Pick<
  Task,
  'taskId' | 'status' | 'queue' | 'priority' | 'dueAt' | 'openedAt' | 'assignee' | 'escalationLevel'
>;
type Sortable = Pick<Task, 'taskId' | 'queue' | 'priority' | 'dueAt' | 'openedAt'>;

/** A missing due time's hour: before any date. */
export const noTimeHour = '0000-00-00T00';
/** `2026-11-05T14` for an ISO time; for none, an hour before any date. */
const hourOf = (iso: string | null) => (iso ?? noTimeHour).slice(0, 13);
/** Statuses whose case waits for its survey or reopen window: open, but no agent work. */
const notWork = new Set<string>(['resolved', 'surveying']);

/** The keys of an open task: an hour bucket per list it is in, and its tallies; none once closed. */
export function listKeysOf(task: Listed): string[] {
  if (task.status === 'closed') return [];
  const due = `${task.priority}/${hourOf(task.dueAt)}`;
  const opened = hourOf(task.openedAt);
  const queue: ListScope = { queue: task.queue };
  const keys = [
    `${listId('due', 'all')}|${due}`,
    `${listId('due', queue)}|${due}`,
    `${listId('opened', 'all')}|${opened}`,
    `${listId('opened', queue)}|${opened}`,
  ];
  if (task.assignee === null) keys.push(`${listId('due', 'unassigned')}|${due}`);
  if (task.escalationLevel > 0) keys.push(`${listId('due', 'escalated')}|${due}`);
  if (!notWork.has(task.status)) {
    keys.push(`${workListId(task.queue)}|${hourOf(task.dueAt)}`);
    if (task.assignee === null) keys.push(unassignedTallyId(task.queue));
    if (task.escalationLevel > 0) keys.push(escalatedTallyId(task.queue));
  }
  return keys;
}

/** The day counter of an hour key: the key without its `Thh`. */
export const dayKeyOf = (hourKey: string): string => hourKey.slice(0, -3);
/** The time part of an hour key (`2026-11-05T14`). */
export const timeOfKey = (hourKey: string): string => hourKey.slice(-13);
/** The list id of a key (`u/*` for `u/*|3/2026-11-05T14`). */
export const listOfKey = (key: string): string => key.slice(0, key.indexOf('|'));

export type CounterLevel = 'list' | 'day';
export interface CounterRef {
  _id: string;
  level: CounterLevel;
  /** A day's list. */
  parent?: string;
  /** The hour field (`T14`) of a day counter the key counts in: the key is the day's id and it. */
  hour?: string;
}

/**
 * Every counter a set of keys moves: the day of each hour key (and its hour in it), the totals
 * of the per-queue due-time lists (the queues with open work), and the tallies.
 */
export function countersOf(keys: readonly string[]): CounterRef[] {
  return keys.flatMap((key): CounterRef[] => {
    if (!key.includes('|')) return [{ _id: key, level: 'list' }];
    const list = listOfKey(key);
    const day: CounterRef = { _id: dayKeyOf(key), level: 'day', parent: list, hour: key.slice(-3) };
    return list.startsWith('u/q=') ? [day, { _id: list, level: 'list' }] : [day];
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
  if (order === 'queue')
    return (a, b) =>
      (a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : 0) || compareIn('urgency')(a, b);
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
