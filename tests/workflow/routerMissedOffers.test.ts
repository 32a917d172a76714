import { describe, expect, it } from 'vitest';
import { eventually } from '../support/relaisWorker';
import { agent, queue, withRouter, type RouterWorld } from './routerWorld';

const second = 1000;
const general = queue('general', { offerTimeoutSeconds: 20, awayAfterMissedOffers: 2 });

const presenceOf = async (w: RouterWorld, agentId: string) =>
  (await w.snapshot()).agents.find((a) => a.agentId === agentId)!;

describe('missed offers', () => {
  it('sets an agent Away after the queue’s number of offers in a row time out, with its event', () =>
    withRouter({ queues: [general], agents: [agent('ana')] }, async (w) => {
      await w.route(await w.item('c1'));
      await w.route(await w.item('c2'));
      await w.offered('c1', 'ana');
      await w.env.sleep(21 * second);
      // One miss: still Available, and offered the next item.
      await w.offered('c2', 'ana');
      expect(await presenceOf(w, 'ana')).toMatchObject({ presence: 'available' });

      await w.env.sleep(21 * second);
      const ana = await eventually(async () => {
        const a = await presenceOf(w, 'ana');
        return a.presence === 'away' && a;
      }, 'ana Away after two missed offers');
      expect(ana).toMatchObject({ awayReason: 'missed-offers', missedOffersInARow: 2 });
      const presence = (await w.events(0, ['presence'])).filter((e) => e.kind === 'presence');
      expect(presence).toEqual([
        expect.objectContaining({ agentId: 'ana', presence: 'away', reason: 'missed-offers' }),
      ]);

      // Away, she is offered nothing more, and the new item says why it waits.
      await w.route(await w.item('c3'));
      const waiting = await eventually(async () => {
        const x = (await w.snapshot()).waiting.find((i) => i.caseId === 'c3');
        return x?.reason && x;
      }, 'c3 waiting with a reason');
      expect(waiting).toMatchObject({ offer: null, reason: { code: 'no-agent-available' } });
    }));

  it('counts only misses in a row: an answered offer starts the count again', () =>
    withRouter({ queues: [general], agents: [agent('ana')] }, async (w) => {
      for (const id of ['c1', 'c2', 'c3']) await w.route(await w.item(id));
      await w.offered('c1', 'ana');
      await w.env.sleep(21 * second);
      const declined = await w.offered('c2', 'ana');
      expect(await w.respond('ana', declined.offerId, false)).toEqual({
        ok: true,
        outcome: 'declined',
      });
      await w.offered('c3', 'ana');
      await w.env.sleep(21 * second);
      await eventually(
        async () => (await w.snapshot()).waiting.every((x) => x.offer === null && x.reason),
        'every item waiting once c3 expired',
      );
      expect(await presenceOf(w, 'ana')).toMatchObject({
        presence: 'available',
        missedOffersInARow: 1,
      });
      // Once the third offer's end is stored, a presence change would have been stored with it.
      const events = await w.events(0, ['offer-ended', 'offer-ended', 'offer-ended']);
      expect(events.some((e) => e.kind === 'presence')).toBe(false);
    }));
});
