import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgentRouting, RouterState } from '../../../workflows/contracts/routing';
import { type Assignment, assignmentRound } from '../../../workflows/routing/assignmentRound';
import { chooseAgent } from '../../../workflows/routing/choice';
import { eligibleAgents } from '../../../workflows/routing/eligibility';
import { workOrder } from '../../../workflows/routing/workOrder';
import { queueOf, worldOf } from '../../../workflows/routing/world';
import { RouterModel } from '../../../workflows/router/routerModel';
import { agentRouting, at, queue, routerState, waiting, workItem } from './fixtures';

/** The round as specified: every item in work order, each given the best agent left. */
function everyItemRound(state: RouterState, now: Date): Assignment[] {
  const world = worldOf(state);
  const taken = new Set<string>();
  const decided: Assignment[] = [];
  for (const w of workOrder(state.waiting, world, now)) {
    if (w.offer) continue;
    const q = queueOf(world, w.item.queue);
    const agent = chooseAgent(eligibleAgents(w, world, taken), q.policy);
    if (!agent) continue;
    taken.add(agent.routing.agentId);
    decided.push({
      caseId: w.item.caseId,
      agentId: agent.routing.agentId,
      autoAccept: q.autoAccept,
    });
  }
  return decided;
}

const agents = [
  agentRouting('a1', { capacity: { voice: 1, chat: 1, email: 10 } }),
  agentRouting('a2', { capacity: { voice: 0, chat: 2, email: 5 }, langs: ['fr'] }),
  agentRouting('a3', { skills: [{ skill: 'b2b', level: 4 }] }),
  agentRouting('a4', { queues: ['general', 'mail'], skills: [{ skill: 'b2b', level: 2 }] }),
];

describe('routing a long backlog', () => {
  it('decides exactly what a walk over every item decides', () => {
    const item = fc.record({
      priority: fc.integer({ min: 1, max: 5 }),
      age: fc.nat(3600),
      queue: fc.constantFrom('general', 'mail'),
      channel: fc.constantFrom('chat' as const, 'email' as const, 'phone' as const),
      lang: fc.constantFrom('fr' as const, 'en' as const),
      b2b: fc.option(fc.integer({ min: 1, max: 5 })),
      passedBy: fc.subarray(['a1', 'a2', 'a3', 'a4']),
      offeredTo: fc.option(fc.constantFrom('a1', 'a2', 'a3', 'a4')),
    });
    const presence = fc.constantFrom('available' as const, 'away' as const);
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 40 }),
        fc.array(presence, { minLength: 4, maxLength: 4 }),
        (items, presences) => {
          const offered = new Set<string>();
          const state = routerState(
            agents.map((routing, i) => ({
              routing,
              state: { presence: presences[i], idleSince: at(i).toISOString() },
            })),
            [queue('general'), queue('mail', { autoAccept: true })],
            items.map((x, i) => {
              const offerTo =
                x.offeredTo !== null && !offered.has(x.offeredTo) ? x.offeredTo : null;
              if (offerTo) offered.add(offerTo);
              return waiting(
                workItem(`c${i}`, {
                  priority: x.priority,
                  queue: x.queue,
                  channel: x.channel,
                  lang: x.lang,
                  waitingSince: at(-x.age).toISOString(),
                  skills:
                    x.b2b === null ? [] : [{ skill: 'b2b', minLevel: x.b2b, optional: false }],
                }),
                {
                  passedBy: x.passedBy,
                  offer: offerTo && {
                    offerId: `offer-${i}`,
                    caseId: `c${i}`,
                    agentId: offerTo,
                    offeredAt: at(0).toISOString(),
                    expiresAt: at(20).toISOString(),
                  },
                },
              );
            }),
          );
          expect(assignmentRound(state, at(60))).toEqual(everyItemRound(state, at(60)));
        },
      ),
      { numRuns: 300 },
    );
  });

  /**
   * How many times a routing step reads the agents' profiles, on a backlog of `size` alike
   * items with every agent already holding an offer. The router runs a step per workflow task:
   * when this grew with the backlog, 1,000 waiting items made each task slow enough to time out.
   */
  function profileReads(size: number, step: (m: RouterModel) => void): number {
    const model = new RouterModel(
      routerState(
        ['a1', 'a2', 'a3'].map((id) => ({ routing: agentRouting(id) })),
        [queue('general')],
        Array.from({ length: size }, (_, i) =>
          waiting(workItem(`c${i}`, { waitingSince: at(i).toISOString() })),
        ),
      ),
    );
    model.route(at(size));
    let reads = 0;
    model.state.catalogue.agents = model.state.catalogue.agents.map(
      (a) =>
        new Proxy(a, {
          get(target, key, receiver) {
            reads += 1;
            return Reflect.get(target, key, receiver) as unknown;
          },
        }) as AgentRouting,
    );
    step(model);
    return reads;
  }

  const steps: [string, (m: RouterModel) => void][] = [
    [
      'a new item',
      (m) => {
        m.routeWork(workItem('new', { waitingSince: at(5000).toISOString() }), at(5000));
        m.route(at(5000));
      },
    ],
    [
      'a declined offer',
      (m) => {
        const offer = m.state.waiting.find((w) => w.offer)!.offer!;
        m.respondOffer({ agentId: offer.agentId, offerId: offer.offerId, accept: false }, at(5000));
        m.route(at(5000));
      },
    ],
    ['the snapshot', (m) => void m.snapshot(at(5000))],
  ];
  it.each(steps)('reads the agents as often for 1,000 alike items as for 10: %s', (_, step) => {
    const few = profileReads(10, step);
    expect(few).toBeGreaterThan(0);
    expect(profileReads(1000, step)).toBeLessThanOrEqual(few * 2);
  });
});
