import { describe, expect, it } from 'vitest';
import type { RoutingEvent } from '../../../workflows/contracts/routing';
import { RouterModel } from '../../../workflows/router/routerModel';
import { agentRouting, at, queue, routerState, workItem } from './fixtures';

const kinds = (events: RoutingEvent[]) => events.map((e) => e.kind);

function twoAgents(over: Parameters<typeof queue>[1] = {}) {
  return new RouterModel(
    routerState(
      [
        { routing: agentRouting('a'), state: { idleSince: at(-100).toISOString() } },
        { routing: agentRouting('b'), state: { idleSince: at(-50).toISOString() } },
      ],
      [queue('general', { offerTimeoutSeconds: 20, awayAfterMissedOffers: 2, ...over })],
    ),
  );
}
const offerOf = (m: RouterModel, caseId: string) =>
  m.state.waiting.find((w) => w.item.caseId === caseId)?.offer ?? null;

describe('the router model', () => {
  it('offers to the longest idle agent, with an id from the event seq and a deadline', () => {
    const m = twoAgents();
    m.routeWork(workItem('c1'), at(0));
    m.route(at(0));
    const offer = offerOf(m, 'c1')!;
    expect(offer).toMatchObject({ agentId: 'a', expiresAt: at(20).toISOString() });
    const events = m.takeEvents();
    expect(events).toEqual([expect.objectContaining({ kind: 'offer-created', seq: 1 })]);
    expect(offer.offerId).toBe('offer-1');
  });

  it('expires an offer to the next agent, never back, and sets Away after missed offers', () => {
    const m = twoAgents();
    m.routeWork(workItem('c1'), at(0));
    m.route(at(0));
    m.route(at(20));
    expect(offerOf(m, 'c1')!.agentId).toBe('b');
    m.route(at(40));
    expect(offerOf(m, 'c1')).toBeNull();
    expect(m.snapshot(at(40)).waiting[0]!.reason).toEqual({ code: 'all-declined' });
    m.routeWork(workItem('c2'), at(41));
    m.route(at(41));
    m.route(at(61));
    expect(m.agent('a')).toMatchObject({ presence: 'away', awayReason: 'missed-offers' });
    expect(kinds(m.takeEvents())).toContain('presence');
  });

  it('refuses a late, unknown or foreign answer, changing nothing', () => {
    const m = twoAgents();
    m.routeWork(workItem('c1'), at(0));
    m.route(at(0));
    const { offerId } = offerOf(m, 'c1')!;
    expect(m.respondOffer({ agentId: 'b', offerId, accept: true }, at(1))).toEqual({
      ok: false,
      code: 'offer-not-yours',
    });
    expect(m.respondOffer({ agentId: 'a', offerId: 'offer-99', accept: true }, at(1))).toEqual({
      ok: false,
      code: 'offer-unknown',
    });
    // The timer has not fired yet: the answer still comes too late.
    expect(m.respondOffer({ agentId: 'a', offerId, accept: true }, at(20))).toEqual({
      ok: false,
      code: 'offer-expired',
    });
    m.route(at(20));
    expect(m.respondOffer({ agentId: 'a', offerId, accept: true }, at(21))).toEqual({
      ok: false,
      code: 'offer-expired',
    });
    expect(m.agent('a')!.load).toEqual({});
    expect(m.takeAssignments()).toEqual([]);
  });

  it('on accept loads the agent and tells the case; on release frees and times it', () => {
    const m = twoAgents();
    m.routeWork(workItem('c1'), at(0));
    m.route(at(0));
    const { offerId } = offerOf(m, 'c1')!;
    expect(m.respondOffer({ agentId: 'a', offerId, accept: true }, at(5))).toEqual({
      ok: true,
      outcome: 'accepted',
    });
    expect(m.agent('a')).toMatchObject({ load: { c1: 'chat' }, idleSince: null });
    expect(m.takeAssignments()).toEqual([{ caseId: 'c1', agentId: 'a', offerId }]);
    expect(m.state.waiting).toEqual([]);
    m.releaseWork({ caseId: 'c1', agentId: 'a', handledSeconds: 240 }, at(300));
    expect(m.agent('a')).toMatchObject({ load: {}, idleSince: at(300).toISOString() });
    expect(m.state.handleTimes).toEqual({ general: [240] });
    expect(kinds(m.takeEvents())).toEqual(['offer-created', 'offer-ended', 'assigned', 'released']);
  });

  it('on decline re-routes to the next agent', () => {
    const m = twoAgents();
    m.routeWork(workItem('c1'), at(0));
    m.route(at(0));
    const { offerId } = offerOf(m, 'c1')!;
    expect(m.respondOffer({ agentId: 'a', offerId, accept: false }, at(2))).toEqual({
      ok: true,
      outcome: 'declined',
    });
    m.route(at(2));
    expect(offerOf(m, 'c1')!.agentId).toBe('b');
  });

  it('keeps passedBy and the offer on a re-send, starts afresh on a new queue', () => {
    const m = twoAgents();
    m.applyCatalogue(
      {
        queues: [queue('general'), queue('billing')],
        agents: [agentRouting('a', { queues: ['general', 'billing'] }), agentRouting('b')],
      },
      at(0),
    );
    m.routeWork(workItem('c1'), at(0));
    m.route(at(0));
    m.route(at(20));
    const offer = offerOf(m, 'c1')!;
    m.routeWork(workItem('c1', { priority: 1 }), at(21));
    m.route(at(21));
    expect(offerOf(m, 'c1')).toEqual(offer);
    expect(m.state.waiting[0]!.passedBy).toEqual(['a']);
    m.routeWork(workItem('c1', { queue: 'billing' }), at(22));
    m.route(at(22));
    expect(m.state.waiting[0]!.passedBy).toEqual([]);
    expect(offerOf(m, 'c1')!.agentId).toBe('a');
  });

  it('counts a case taken by hand in the agent load and ends its offer', () => {
    const m = twoAgents();
    m.routeWork(workItem('c1'), at(0));
    m.route(at(0));
    m.withdrawWork({ caseId: 'c1', assignedTo: 'b', reason: 'claimed' }, at(1));
    expect(m.state.waiting).toEqual([]);
    expect(m.agent('b')!.load).toEqual({ c1: 'chat' });
    expect(m.takeAssignments()).toEqual([]);
    expect(kinds(m.takeEvents())).toEqual([
      'offer-created',
      'offer-ended',
      'item-withdrawn',
      'assigned',
    ]);
  });

  it('ends the offer of an agent who leaves and offers the item to another', () => {
    const m = twoAgents();
    m.routeWork(workItem('c1'), at(0));
    m.route(at(0));
    m.setPresence({ agentId: 'a', presence: 'offline', reason: null }, at(3));
    m.route(at(3));
    expect(offerOf(m, 'c1')!.agentId).toBe('b');
    const ended = m.takeEvents().find((e) => e.kind === 'offer-ended');
    expect(ended).toMatchObject({ agentId: 'a', outcome: 'agent-left' });
  });

  it('assigns at once on an auto-accept queue', () => {
    const m = twoAgents({ autoAccept: true });
    m.routeWork(workItem('e1', { channel: 'email' }), at(0));
    m.routeWork(workItem('e2', { channel: 'email' }), at(0));
    m.routeWork(workItem('e3', { channel: 'email' }), at(0));
    m.route(at(0));
    expect(m.state.waiting).toEqual([]);
    expect(m.takeAssignments().map((a) => [a.caseId, a.agentId, a.offerId])).toEqual([
      ['e1', 'a', null],
      ['e2', 'b', null],
      ['e3', 'a', null],
    ]);
  });

  it('relaxes when due, and wakes for the earliest due moment', () => {
    const m = new RouterModel(
      routerState(
        [{ routing: agentRouting('a', { skills: [{ skill: 'billing', level: 2 }] }) }],
        [queue('general', { agingMinutes: 10 })],
      ),
    );
    m.routeWork(
      workItem('c1', { skills: [{ skill: 'billing', minLevel: 3, optional: false }] }),
      at(0),
    );
    m.route(at(0));
    expect(offerOf(m, 'c1')).toBeNull();
    expect(m.nextDueAt(at(0))).toEqual(at(120));
    m.route(at(120));
    expect(offerOf(m, 'c1')!.agentId).toBe('a');
    expect(kinds(m.takeEvents())).toEqual(['item-waiting', 'item-relaxed', 'offer-created']);
    expect(m.nextDueAt(at(120))).toEqual(at(140));
  });

  it('drops agents gone from the catalogue unless they hold work; new ones start offline', () => {
    const m = twoAgents();
    m.agent('b')!.load = { c9: 'chat' };
    m.applyCatalogue({ queues: [queue('general')], agents: [agentRouting('c')] }, at(0));
    expect(m.state.agents.map((a) => [a.agentId, a.presence])).toEqual([
      ['b', 'available'],
      ['c', 'offline'],
    ]);
  });

  it('shows each waiting item with its position in its queue and its expected wait', () => {
    const m = new RouterModel(routerState([], [queue('general')]));
    m.routeWork(workItem('c1'), at(0));
    m.routeWork(workItem('c2', { queue: 'billing' }), at(0));
    m.routeWork(workItem('c3'), at(1));
    m.route(at(1));
    expect(
      m.snapshot(at(1)).waiting.map((w) => [w.caseId, w.position, w.expectedWaitSeconds]),
    ).toEqual([
      ['c1', 1, null],
      ['c2', 1, null],
      ['c3', 2, null],
    ]);
  });
});
