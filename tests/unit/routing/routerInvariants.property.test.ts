import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capacityUnits, type RoutingEvent } from '../../../workflows/contracts/routing';
import { usedUnits } from '../../../workflows/routing/capacity';
import { RouterModel } from '../../../workflows/router/routerModel';
import { agentRouting, at, queue, routerState, workItem } from './fixtures';

const channels = ['chat', 'email', 'phone', 'sms', 'webform'] as const;
const both = { queues: ['general', 'mail'] };
const agents = [
  agentRouting('a1', {
    ...both,
    capacity: { voice: 1, chat: 3, email: 10 },
  }),
  agentRouting('a2', {
    ...both,
    capacity: { voice: 0, chat: 2, email: 5 },
  }),
  agentRouting('a3', {
    ...both,
    capacity: { voice: 1, chat: 1, email: 1 },
  }),
  agentRouting('a4', {
    ...both,
    capacity: { voice: 0, chat: 10, email: 0 },
    langs: ['fr'],
  }),
  agentRouting('a5', {
    ...both,
    capacity: { voice: 1, chat: 5, email: 50 },
    skills: [{ skill: 'b2b', level: 4 }],
  }),
];

type Step =
  | { kind: 'accept' | 'decline'; pick: number }
  | { kind: 'timeout' }
  | { kind: 'release'; pick: number }
  | { kind: 'presence'; pick: number; presence: 'available' | 'away' | 'offline' }
  | { kind: 'tick'; seconds: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constantFrom('accept' as const, 'decline' as const), pick: fc.nat(99) }),
  fc.constant({ kind: 'timeout' as const }),
  fc.record({ kind: fc.constant('release' as const), pick: fc.nat(99) }),
  fc.record({
    kind: fc.constant('presence' as const),
    pick: fc.nat(4),
    presence: fc.constantFrom('available' as const, 'away' as const, 'offline' as const),
  }),
  fc.record({ kind: fc.constant('tick' as const), seconds: fc.integer({ min: 1, max: 200 }) }),
);

/** The offers each item has open, replayed from the event log. */
function openOffers(events: RoutingEvent[]): Map<string, Set<string>> {
  const open = new Map<string, Set<string>>();
  for (const e of events) {
    if (e.kind === 'offer-created')
      open.set(e.caseId, new Set([...(open.get(e.caseId) ?? []), e.offer.offerId]));
    if (e.kind === 'offer-ended') open.get(e.caseId)?.delete(e.offerId);
  }
  return open;
}

/** 50 items at once for 5 agents of various capacities, then random answers, timeouts, releases. */
function run(steps: Step[], mixedQueues: boolean): void {
  const model = new RouterModel(
    routerState(
      agents.map((routing) => ({ routing })),
      [
        queue('general', { offerTimeoutSeconds: 20, awayAfterMissedOffers: 3 }),
        queue('mail', { autoAccept: true }),
      ],
    ),
  );
  let now = 0;
  const log: RoutingEvent[] = [];
  const done = new Set<string>();
  const all = Array.from({ length: 50 }, (_, i) =>
    workItem(`c${i}`, {
      queue: mixedQueues && i % 3 === 0 ? 'mail' : 'general',
      channel: channels[i % channels.length]!,
      priority: 1 + (i % 5),
      lang: i % 4 === 0 ? 'en' : 'fr',
      skills: i % 7 === 0 ? [{ skill: 'b2b', minLevel: 3, optional: i % 2 === 0 }] : [],
    }),
  );
  for (const item of all) model.routeWork(item, at(0));

  const check = () => {
    model.route(at(now));
    log.push(...model.takeEvents());
    model.takeAssignments();
    for (const [caseId, offers] of openOffers(log))
      expect(offers.size, `open offers of ${caseId}`).toBeLessThanOrEqual(1);
    const offersPerAgent = new Map<string, number>();
    for (const w of model.state.waiting)
      if (w.offer)
        offersPerAgent.set(w.offer.agentId, (offersPerAgent.get(w.offer.agentId) ?? 0) + 1);
    for (const n of offersPerAgent.values()) expect(n).toBe(1);
    const held = new Set<string>();
    for (const a of model.state.agents) {
      const routing = agents.find((r) => r.agentId === a.agentId)!;
      expect(usedUnits(routing.capacity, a.load), a.agentId).toBeLessThanOrEqual(capacityUnits);
      for (const caseId of Object.keys(a.load)) {
        expect(held.has(caseId), `${caseId} held twice`).toBe(false);
        held.add(caseId);
      }
    }
    const waitingIds = model.state.waiting.map((w) => w.item.caseId);
    expect(new Set(waitingIds).size).toBe(waitingIds.length);
    for (const view of model.snapshot(at(now)).waiting)
      expect(view.offer !== null || view.reason !== null, `${view.caseId} forgotten`).toBe(true);
    for (const item of all) {
      const places = [
        waitingIds.includes(item.caseId),
        held.has(item.caseId),
        done.has(item.caseId),
      ];
      expect(places.filter(Boolean).length, `${item.caseId} in exactly one place`).toBe(1);
    }
  };

  check();
  for (const s of steps) {
    const offers = model.state.waiting.flatMap((w) => (w.offer ? [w.offer] : []));
    const holdings = model.state.agents.flatMap((a) =>
      Object.keys(a.load).map((caseId) => ({ caseId, agentId: a.agentId })),
    );
    if ((s.kind === 'accept' || s.kind === 'decline') && offers.length > 0) {
      const offer = offers[s.pick % offers.length]!;
      const answer = model.respondOffer(
        { agentId: offer.agentId, offerId: offer.offerId, accept: s.kind === 'accept' },
        at(now),
      );
      expect(answer.ok).toBe(true);
    } else if (s.kind === 'timeout' && offers.length > 0) {
      now = Math.max(
        ...offers.map((o) => (new Date(o.expiresAt).getTime() - at(0).getTime()) / 1000),
      );
    } else if (s.kind === 'release' && holdings.length > 0) {
      const h = holdings[s.pick % holdings.length]!;
      model.releaseWork({ ...h, handledSeconds: 60 }, at(now));
      done.add(h.caseId);
    } else if (s.kind === 'presence') {
      model.setPresence(
        {
          agentId: agents[s.pick]!.agentId,
          presence: s.presence,
          reason: s.presence === 'away' ? 'break' : null,
        },
        at(now),
      );
    } else if (s.kind === 'tick') now += s.seconds;
    check();
  }
}

describe('router invariants under random answers, timeouts and releases', () => {
  it('never two offers for one item, never over capacity, never an item forgotten', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 20, maxLength: 120 }), fc.boolean(), (steps, mixed) =>
        run(steps, mixed),
      ),
      { numRuns: 60, seed: 20260302 },
    );
  }, 120_000);
});
