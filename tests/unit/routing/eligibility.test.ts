import { describe, expect, it } from 'vitest';
import type { AgentRouting, AgentState, WaitingItem } from '../../../workflows/contracts/routing';
import { eligibleAgents, whyWaiting } from '../../../workflows/routing/eligibility';
import { worldOf } from '../../../workflows/routing/world';
import { agentRouting, at, queue, routerState, waiting, workItem } from './fixtures';

const billing3 = workItem('c1', {
  queue: 'billing',
  skills: [{ skill: 'billing', minLevel: 3, optional: false }],
  lang: 'en',
});
const skilled = (over: Partial<AgentRouting> = {}) =>
  agentRouting('ana', {
    queues: ['billing'],
    skills: [{ skill: 'billing', level: 3 }],
    langs: ['en'],
    ...over,
  });

function check(
  routing: AgentRouting,
  state: Partial<AgentState> = {},
  w: WaitingItem = waiting(billing3),
  others: WaitingItem[] = [],
) {
  const world = worldOf(routerState([{ routing, state }], [queue('billing')], [w, ...others]));
  return { eligible: eligibleAgents(w, world).length === 1, reason: whyWaiting(w, world) };
}

describe('eligibility and why an item waits', () => {
  it('takes an agent who meets every criterion', () => {
    expect(check(skilled())).toEqual({ eligible: true, reason: null });
  });

  it('names the first criterion nobody meets', () => {
    expect(check(skilled({ queues: ['general'] })).reason).toEqual({ code: 'no-agent-for-queue' });
    expect(check(skilled({ skills: [{ skill: 'billing', level: 2 }] })).reason).toEqual({
      code: 'no-agent-with-skill',
      skill: 'billing',
      minLevel: 3,
    });
    expect(check(skilled({ langs: ['fr'] })).reason).toEqual({
      code: 'no-agent-speaks',
      lang: 'en',
    });
    expect(check(skilled(), { presence: 'away', awayReason: 'lunch' }).reason).toEqual({
      code: 'no-agent-available',
    });
    expect(check(skilled(), { load: { a: 'chat', b: 'chat', c: 'chat' } }).reason).toEqual({
      code: 'no-free-capacity',
      capacityClass: 'chat',
    });
    expect(check(skilled({ capacity: { voice: 1, chat: 0, email: 10 } })).reason).toEqual({
      code: 'no-free-capacity',
      capacityClass: 'chat',
    });
    expect(check(skilled(), {}, waiting(billing3, { passedBy: ['ana'] })).reason).toEqual({
      code: 'all-declined',
    });
    expect(check(skilled(), {}, waiting({ ...billing3, excludeAgents: ['ana'] })).reason).toEqual({
      code: 'all-declined',
    });
  });

  it('never offers an agent a second item while they hold an offer', () => {
    const onOffer = waiting(workItem('c0', { queue: 'billing' }), {
      offer: {
        offerId: 'offer-1',
        caseId: 'c0',
        agentId: 'ana',
        offeredAt: at(0).toISOString(),
        expiresAt: at(20).toISOString(),
      },
    });
    expect(check(skilled(), {}, waiting(billing3), [onOffer])).toEqual({
      eligible: false,
      reason: { code: 'behind-other-work' },
    });
  });

  it('uses the relaxed requirements once the item has relaxed', () => {
    const relaxed = waiting(billing3, { relaxed: ['levels-lowered'] });
    expect(check(skilled({ skills: [{ skill: 'billing', level: 2 }] }), {}, relaxed)).toEqual({
      eligible: true,
      reason: null,
    });
  });
});
