import { describe, expect, it } from 'vitest';
import { chooseAgent } from '../../../workflows/routing/choice';
import { worldOf } from '../../../workflows/routing/world';
import { agentRouting, at, routerState } from './fixtures';

const agents = worldOf(
  routerState([
    { routing: agentRouting('zoe'), state: { idleSince: at(60).toISOString() } },
    { routing: agentRouting('bob'), state: { idleSince: null, load: { x: 'email' } } },
    { routing: agentRouting('amy'), state: { idleSince: null, load: { y: 'chat' } } },
    { routing: agentRouting('eve'), state: { idleSince: at(0).toISOString() } },
    { routing: agentRouting('dan'), state: { idleSince: at(0).toISOString() } },
  ]),
).agents;
const order = (policy: 'longest-idle' | 'most-free-capacity') => {
  const left = [...agents];
  const picked: string[] = [];
  for (;;) {
    const a = chooseAgent(left, policy);
    if (!a) return picked;
    picked.push(a.routing.agentId);
    left.splice(left.indexOf(a), 1);
  }
};

describe('choice by policy', () => {
  it('longest idle: idle agents by how long, ties by id, then busy ones by room', () => {
    expect(order('longest-idle')).toEqual(['dan', 'eve', 'zoe', 'bob', 'amy']);
  });

  it('most free capacity: most free units first, ties by id', () => {
    expect(order('most-free-capacity')).toEqual(['dan', 'eve', 'zoe', 'bob', 'amy']);
    const freeFirst = worldOf(
      routerState([
        { routing: agentRouting('a'), state: { load: { x: 'chat' } } },
        { routing: agentRouting('b'), state: { load: { y: 'email' } } },
      ]),
    ).agents;
    expect(chooseAgent(freeFirst, 'most-free-capacity')?.routing.agentId).toBe('b');
    expect(chooseAgent([], 'longest-idle')).toBeNull();
  });
});
