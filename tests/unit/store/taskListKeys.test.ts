import { describe, expect, it } from 'vitest';
import { counterDeltas } from '../../../worker/store/taskListCounts';
import {
  compareIn,
  countersOf,
  covering,
  dayKeyOf,
  listKeysOf,
  queueOfList,
} from '../../../worker/store/taskListKeys';
import { backlogTask } from '../../support/taskFixtures';

describe('the task list buckets', () => {
  const task = backlogTask(1, {
    queue: 'litiges/b|x',
    priority: 2,
    dueAt: '2026-11-05T14:30:00.000Z',
    openedAt: '2026-11-01T09:10:00.000Z',
  });

  it('puts an open task in one hour bucket per list it is in, a closed one in none', () => {
    expect(listKeysOf(task)).toEqual([
      'u/*|2/2026-11-05T14',
      'u/q=litiges%2Fb%7Cx|2/2026-11-05T14',
      'a/*|2026-11-01T09',
      'a/q=litiges%2Fb%7Cx|2026-11-01T09',
      'u/n|2/2026-11-05T14',
      'w/q=litiges%2Fb%7Cx|2026-11-05T14',
      'n/q=litiges%2Fb%7Cx',
    ]);
    expect(listKeysOf({ ...task, dueAt: null })[0]).toBe('u/*|2/0000-00-00T00');
    expect(listKeysOf({ ...task, status: 'closed' })).toEqual([]);
    expect(queueOfList('u/q=litiges%2Fb%7Cx')).toBe('litiges/b|x');
    expect(queueOfList('u/*')).toBeNull();
  });

  it('lists an escalated or assigned task in its views, resolved work out of the backlog', () => {
    const escalated = listKeysOf({ ...task, assignee: 'ana', escalationLevel: 2 });
    expect(escalated).toContain('u/e|2/2026-11-05T14');
    expect(escalated).toContain('e/q=litiges%2Fb%7Cx');
    expect(escalated.filter((k) => k.startsWith('u/n') || k.startsWith('n/'))).toEqual([]);
    const resolved = listKeysOf({ ...task, status: 'resolved' });
    expect(resolved).toContain('u/n|2/2026-11-05T14');
    expect(resolved.filter((k) => /^[wne]\//.test(k))).toEqual([]);
  });

  it('counts each hour in its day, and each queue in its list total', () => {
    expect(dayKeyOf('u/q=a%2Fb|2/2026-11-05T14')).toBe('u/q=a%2Fb|2/2026-11-05');
    expect(dayKeyOf('a/*|2026-11-01T09')).toBe('a/*|2026-11-01');
    expect(countersOf(['u/*|2/2026-11-05T14', 'u/q=x|2/2026-11-05T14', 'n/q=x'])).toEqual([
      { _id: 'u/*|2/2026-11-05', level: 'day', parent: 'u/*', hour: 'T14' },
      { _id: 'u/q=x|2/2026-11-05', level: 'day', parent: 'u/q=x', hour: 'T14' },
      { _id: 'u/q=x', level: 'list' },
      { _id: 'n/q=x', level: 'list' },
    ]);
  });

  it('moves only the counters that change, once each, hour by hour inside a day', () => {
    const later = { ...task, dueAt: '2026-11-05T16:00:00.000Z' };
    const deltas = counterDeltas(countersOf(listKeysOf(task)), countersOf(listKeysOf(later)));
    // Same day, same lists: only the hours move, inside the due-time days.
    const moved = { d: 0, h: { T14: -1, T16: 1 } };
    expect(deltas).toEqual([
      { _id: 'u/*|2/2026-11-05', level: 'day', parent: 'u/*', ...moved },
      {
        _id: 'u/q=litiges%2Fb%7Cx|2/2026-11-05',
        level: 'day',
        parent: 'u/q=litiges%2Fb%7Cx',
        ...moved,
      },
      { _id: 'u/n|2/2026-11-05', level: 'day', parent: 'u/n', ...moved },
      {
        _id: 'w/q=litiges%2Fb%7Cx|2026-11-05',
        level: 'day',
        parent: 'w/q=litiges%2Fb%7Cx',
        ...moved,
      },
    ]);
    expect(counterDeltas(countersOf(listKeysOf(task)), countersOf(listKeysOf(task)))).toEqual([]);
    // A claim leaves the unassigned views only.
    const claimed = counterDeltas(
      countersOf(listKeysOf(task)),
      countersOf(listKeysOf({ ...task, assignee: 'ana' })),
    );
    expect(claimed.map((d) => [d._id, d.d])).toEqual([
      ['u/n|2/2026-11-05', -1],
      ['n/q=litiges%2Fb%7Cx', -1],
    ]);
  });

  it('sorts a bucket in the list order, null due times first, ids last', () => {
    const a = backlogTask(1, { priority: 2, dueAt: '2026-11-05T14:40:00.000Z' });
    const b = backlogTask(2, { priority: 1, dueAt: '2026-11-05T14:50:00.000Z' });
    const c = backlogTask(3, { priority: 2, dueAt: null });
    const d = backlogTask(4, { priority: 2, dueAt: '2026-11-05T14:40:00.000Z' });
    const ids = (order: 'urgency' | 'due' | 'age') =>
      [d, c, b, a].sort(compareIn(order)).map((t) => t.taskId);
    expect(ids('urgency')).toEqual([b, c, a, d].map((t) => t.taskId));
    expect(ids('due')).toEqual([c, a, d, b].map((t) => t.taskId));
    expect(ids('age')).toEqual([a, b, c, d].map((t) => t.taskId));
  });

  it('finds the buckets that hold a page from their counts', () => {
    const counts = [{ n: 3 }, { n: 0 }, { n: 5 }, { n: 2 }, { n: 4 }];
    expect(covering(counts, 0, 3)).toEqual({ buckets: [counts[0]], skip: 0 });
    expect(covering(counts, 2, 4)).toEqual({ buckets: [counts[0], counts[2]], skip: 2 });
    expect(covering(counts, 8, 3)).toEqual({ buckets: [counts[3], counts[4]], skip: 0 });
    expect(covering(counts, 13, 50)).toEqual({ buckets: [counts[4]], skip: 3 });
    expect(covering(counts, 14, 50)).toEqual({ buckets: [], skip: 0 });
  });
});
