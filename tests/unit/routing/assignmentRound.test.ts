import { describe, expect, it } from 'vitest';
import { assignmentRound } from '../../../workflows/routing/assignmentRound';
import { agentRouting, at, queue, routerState, waiting, workItem } from './fixtures';

describe('the assignment round', () => {
  it('walks items in work order and gives each the best agent not yet picked', () => {
    const state = routerState(
      [
        { routing: agentRouting('a'), state: { idleSince: at(10).toISOString() } },
        { routing: agentRouting('b'), state: { idleSince: at(0).toISOString() } },
      ],
      [queue('general')],
      [
        waiting(workItem('low', { priority: 4 })),
        waiting(workItem('urgent', { priority: 1 })),
        waiting(workItem('mid', { priority: 2 })),
      ],
    );
    expect(assignmentRound(state, at(20))).toEqual([
      { caseId: 'urgent', agentId: 'b', autoAccept: false },
      { caseId: 'mid', agentId: 'a', autoAccept: false },
    ]);
  });

  it('skips items on offer and agents holding one, and marks auto-accept queues', () => {
    const state = routerState(
      [
        { routing: agentRouting('a', { queues: ['general', 'mail'] }) },
        { routing: agentRouting('b') },
      ],
      [queue('general'), queue('mail', { autoAccept: true })],
      [
        waiting(workItem('offered'), {
          offer: {
            offerId: 'offer-1',
            caseId: 'offered',
            agentId: 'b',
            offeredAt: at(0).toISOString(),
            expiresAt: at(20).toISOString(),
          },
        }),
        waiting(workItem('email', { queue: 'mail', channel: 'email' })),
      ],
    );
    expect(assignmentRound(state, at(1))).toEqual([
      { caseId: 'email', agentId: 'a', autoAccept: true },
    ]);
  });
});
