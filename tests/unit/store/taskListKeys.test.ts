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

  it('puts an open task in one hour bucket per order and scope, a closed one in none', () => {
    expect(listKeysOf(task)).toEqual([
      'u/*|2/2026-11-05T14',
      'u/q=litiges%2Fb%7Cx|2/2026-11-05T14',
      'd/*|2026-11-05T14',
      'd/q=litiges%2Fb%7Cx|2026-11-05T14',
      'a/*|2026-11-01T09',
      'a/q=litiges%2Fb%7Cx|2026-11-01T09',
    ]);
    expect(listKeysOf({ ...task, dueAt: null })[0]).toBe('u/*|2/0000-00-00T00');
    expect(listKeysOf({ ...task, status: 'closed' })).toEqual([]);
    expect(queueOfList('u/q=litiges%2Fb%7Cx')).toBe('litiges/b|x');
    expect(queueOfList('d/q=x')).toBeNull();
  });

  it('counts each hour in its day, and each urgency day in its list', () => {
    expect(dayKeyOf('u/q=a%2Fb|2/2026-11-05T14')).toBe('u/q=a%2Fb|2/2026-11-05');
    expect(dayKeyOf('a/*|2026-11-01T09')).toBe('a/*|2026-11-01');
    expect(dayKeyOf('u/*|2/0000-00-00T00')).toBe('u/*|2/0000-00-00');
    expect(countersOf(['u/*|2/2026-11-05T14', 'd/*|2026-11-05T14'])).toEqual([
      { _id: 'u/*|2/2026-11-05T14', level: 'hour', parent: 'u/*|2/2026-11-05' },
      { _id: 'u/*|2/2026-11-05', level: 'day', parent: 'u/*' },
      { _id: 'u/*', level: 'list' },
      { _id: 'd/*|2026-11-05T14', level: 'hour', parent: 'd/*|2026-11-05' },
      { _id: 'd/*|2026-11-05', level: 'day', parent: 'd/*' },
    ]);
  });

  it('moves only the counters that change, once each', () => {
    const later = { ...task, dueAt: '2026-11-05T16:00:00.000Z' };
    const deltas = counterDeltas(countersOf(listKeysOf(task)), countersOf(listKeysOf(later)));
    // Same day, same lists: only the hours move.
    expect(deltas.map((d) => [d._id, d.d]).sort()).toEqual(
      [
        ['u/*|2/2026-11-05T14', -1],
        ['u/*|2/2026-11-05T16', 1],
        ['u/q=litiges%2Fb%7Cx|2/2026-11-05T14', -1],
        ['u/q=litiges%2Fb%7Cx|2/2026-11-05T16', 1],
        ['d/*|2026-11-05T14', -1],
        ['d/*|2026-11-05T16', 1],
        ['d/q=litiges%2Fb%7Cx|2026-11-05T14', -1],
        ['d/q=litiges%2Fb%7Cx|2026-11-05T16', 1],
      ].sort(),
    );
    expect(counterDeltas(countersOf(listKeysOf(task)), countersOf(listKeysOf(task)))).toEqual([]);
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
