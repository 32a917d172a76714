import { describe, expect, it } from 'vitest';
import { RouterModel } from '../../../workflows/router/routerModel';
import { claimOverCapacity } from '../../../workflows/routing/capacity';
import { agentRouting, at, queue, routerState } from './fixtures';

/** Agent `a` (3 chats, 10 emails, 1 call) holding `chats` chats taken by hand. */
function holding(chats: number) {
  const m = new RouterModel(
    routerState([{ routing: agentRouting('a'), state: {} }], [queue('general')]),
  );
  for (let i = 0; i < chats; i += 1)
    m.withdrawWork(
      {
        caseId: `c${i}`,
        assignedTo: 'a',
        reason: 'claimed',
        queue: 'general',
        channel: 'chat',
      },
      at(i),
    );
  return m;
}

describe('an agent pulling a case from the list', () => {
  it('may take a chat while there is room, and nothing once three chats fill the capacity', () => {
    const two = holding(2).room('a')!;
    expect(two.capacity).toEqual({ voice: 1, chat: 3, email: 10 });
    expect(claimOverCapacity(two, 'chat')).toBe(false);
    expect(claimOverCapacity(two, 'phone')).toBe(true);

    const three = holding(3).room('a')!;
    expect(Object.keys(three.load)).toHaveLength(3);
    expect(claimOverCapacity(three, 'chat')).toBe(true);
    expect(claimOverCapacity(three, 'email')).toBe(true);
  });

  it('has room again once the router releases a case', () => {
    const m = holding(3);
    m.releaseWork({ caseId: 'c0', agentId: 'a', handledSeconds: 60 }, at(10));
    expect(claimOverCapacity(m.room('a')!, 'chat')).toBe(false);
  });

  it('knows no room for an agent the router does not know', () => {
    expect(holding(0).room('nobody')).toBeNull();
  });
});
