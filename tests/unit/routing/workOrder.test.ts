import { describe, expect, it } from 'vitest';
import { workOrder } from '../../../workflows/routing/workOrder';
import { worldOf } from '../../../workflows/routing/world';
import { at, queue, routerState, waiting, workItem } from './fixtures';

const world = worldOf(routerState([], [queue('general', { agingMinutes: 10 })]));
const ids = (ws: { item: { caseId: string } }[]) => ws.map((w) => w.item.caseId);

describe('work order', () => {
  it('serves the most urgent first, then the longest waiting', () => {
    const items = [
      waiting(workItem('late-p3', { priority: 3, waitingSince: at(60).toISOString() })),
      waiting(workItem('p1', { priority: 1, waitingSince: at(120).toISOString() })),
      waiting(workItem('early-p3', { priority: 3, waitingSince: at(0).toISOString() })),
    ];
    expect(ids(workOrder(items, world, at(130)))).toEqual(['p1', 'early-p3', 'late-p3']);
  });

  it('lets aging lift an old item above newer urgent work', () => {
    const items = [
      waiting(workItem('new-p2', { priority: 2, waitingSince: at(1190).toISOString() })),
      waiting(workItem('old-p4', { priority: 4, waitingSince: at(0).toISOString() })),
    ];
    expect(ids(workOrder(items, world, at(1190)))).toEqual(['new-p2', 'old-p4']);
    // 20 minutes in, old-p4 is at 2: the same priority, and it has waited longer.
    expect(ids(workOrder(items, world, at(1200)))).toEqual(['old-p4', 'new-p2']);
  });

  it('is stable: items alike keep their arrival order', () => {
    const items = ['a', 'b', 'c', 'd'].map((id) => waiting(workItem(id)));
    expect(ids(workOrder(items, world, at(0)))).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(workOrder([...items].reverse(), world, at(0)))).toEqual(['d', 'c', 'b', 'a']);
  });
});
