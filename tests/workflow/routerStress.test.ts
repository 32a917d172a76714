import { describe, expect, it } from 'vitest';
import { capacityUnits, type RouterSnapshot } from '../../workflows/contracts/routing';
import { fits, usedUnits } from '../../workflows/routing/capacity';
import { eventually } from '../support/relaisWorker';
import { agent, queue, withRouter } from './routerWorld';

/** A small seeded PRNG (mulberry32): the same sequence on every run, so a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const agents = [
  agent('ana', { capacity: { voice: 1, chat: 2, email: 10 } }),
  agent('bob', { capacity: { voice: 1, chat: 1, email: 10 } }),
  agent('cyd', { capacity: { voice: 1, chat: 3, email: 10 } }),
];

describe('the router workflow under a random stream of answers', () => {
  it('keeps its invariants after every step: 15 items at once, 3 agents', () =>
    withRouter(
      { queues: [queue('general', { offerTimeoutSeconds: 20, awayAfterMissedOffers: 0 })], agents },
      async (w) => {
        const random = prng(20260302);
        const items = await Promise.all(
          Array.from({ length: 15 }, (_, i) => w.item(`s${i}`, { priority: 1 + (i % 5) })),
        );
        await Promise.all(items.map((item) => w.route(item)));
        /** Released by the test, or accepted: no case workflow runs here, so the router gives it back. */
        const released = new Set<string>();
        let accepted = 0;
        let claims = 0;
        let releases = 0;

        /** Every invariant, once the router has routed what the last step changed. */
        const settled = () =>
          eventually(async () => {
            const s: RouterSnapshot = await w.snapshot();
            const offered = s.waiting.flatMap((x) => (x.offer ? [x.offer.agentId] : []));
            expect(new Set(offered).size).toBe(offered.length);
            for (const a of s.agents) {
              const routing = agents.find((r) => r.agentId === a.agentId)!;
              expect(usedUnits(routing.capacity, a.load)).toBeLessThanOrEqual(capacityUnits);
            }
            const held = s.agents.flatMap((a) => Object.keys(a.load));
            expect(new Set(held).size).toBe(held.length);
            const places = items.map(
              (i) =>
                Number(s.waiting.some((x) => x.caseId === i.caseId)) +
                Number(held.includes(i.caseId)) +
                Number(released.has(i.caseId)),
            );
            // Transient while the router works: a step's effects land in the next workflow task.
            const routed = s.waiting.every((x) => x.offer !== null || x.reason !== null);
            return routed && places.every((n) => n === 1) && s;
          }, 'every item in one place, every waiting item on offer or with a reason');

        let s = await settled();
        for (let step = 0; step < 30; step += 1) {
          const offers = s.waiting.flatMap((x) => (x.offer ? [x.offer] : []));
          const holdings = s.agents.flatMap((a) =>
            Object.keys(a.load).map((caseId) => ({ caseId, agentId: a.agentId })),
          );
          const waitingFree = s.waiting.filter((x) => x.offer === null);
          const roomy = s.agents.filter((a) =>
            fits(agents.find((r) => r.agentId === a.agentId)!.capacity, a.load, 'chat'),
          );
          const roll = random();
          if (roll < 0.4 && offers.length > 0) {
            const offer = offers[Math.floor(random() * offers.length)]!;
            const accept = random() < 0.6;
            expect(await w.respond(offer.agentId, offer.offerId, accept)).toMatchObject({
              ok: true,
            });
            if (accept) {
              released.add(offer.caseId);
              accepted += 1;
            }
          } else if (roll < 0.55 && waitingFree.length > 0 && roomy.length > 0) {
            // A claim by hand, within the agent's room.
            await w.withdraw(waitingFree[0]!.caseId, roomy[0]!.agentId);
            claims += 1;
          } else if (roll < 0.8 && holdings.length > 0) {
            const h = holdings[Math.floor(random() * holdings.length)]!;
            released.add(h.caseId);
            releases += 1;
            await w.release(h.caseId, h.agentId, 60);
          } else {
            await w.env.sleep(21_000);
          }
          s = await settled();
        }
        expect(accepted).toBeGreaterThan(3);
        expect(claims).toBeGreaterThan(0);
        expect(releases).toBeGreaterThan(0);
        const kinds = new Set((await w.events()).map((e) => e.kind));
        expect([...kinds]).toEqual(
          expect.arrayContaining(['offer-created', 'offer-ended', 'assigned', 'released']),
        );
      },
    ));
});
