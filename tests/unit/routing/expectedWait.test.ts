import { describe, expect, it } from 'vitest';
import { expectedWaitSeconds } from '../../../workflows/routing/expectedWait';
import { worldOf } from '../../../workflows/routing/world';
import { agentRouting, routerState, waiting, workItem } from './fixtures';

const w = waiting(workItem('c1'));

describe('expected wait', () => {
  it('is (ahead + 1) / able agents present × the mean recent handle time', () => {
    const world = worldOf(
      routerState([
        { routing: agentRouting('a') },
        { routing: agentRouting('b'), state: { load: { x: 'chat', y: 'chat', z: 'chat' } } },
        { routing: agentRouting('c'), state: { presence: 'away', awayReason: 'lunch' } },
        { routing: agentRouting('d', { langs: ['en'] }) },
      ]),
    );
    // a and b could take it (b's load does not matter); c is away, d does not speak French.
    expect(expectedWaitSeconds(w, 3, world, { general: [100, 200] })).toBe(300);
  });

  it('assumes 300 s per item without history and one agent when none is present', () => {
    const world = worldOf(
      routerState([{ routing: agentRouting('a'), state: { presence: 'offline' } }]),
    );
    expect(expectedWaitSeconds(w, 1, world, {})).toBe(600);
  });

  it('averages the last 20 handle times only', () => {
    const world = worldOf(routerState([{ routing: agentRouting('a') }]));
    const times = [
      ...Array.from({ length: 5 }, () => 1000),
      ...Array.from({ length: 20 }, () => 60),
    ];
    expect(expectedWaitSeconds(w, 0, world, { general: times })).toBe(60);
  });

  it('is null when no agent serves the queue', () => {
    const world = worldOf(routerState([{ routing: agentRouting('a', { queues: ['billing'] }) }]));
    expect(expectedWaitSeconds(w, 0, world, {})).toBeNull();
  });
});
