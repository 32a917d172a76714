import { WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { eventually } from '../support/relaisWorker';
import { agent, queue, type RouterWorld, withRouter } from './routerWorld';

const second = 1000;
const minute = 60 * second;

describe('the router workflow', () => {
  it('gives an offer that times out to the next agent, never back', () =>
    withRouter(
      {
        queues: [queue('general', { offerTimeoutSeconds: 20 })],
        agents: [agent('ana'), agent('bob')],
      },
      async (w) => {
        await w.route(await w.item('c1'));
        await w.offered('c1', 'ana');
        await w.env.sleep(21 * second);
        await w.offered('c1', 'bob');
        await w.env.sleep(21 * second);
        const waiting = await eventually(async () => {
          const [x] = (await w.snapshot()).waiting;
          return x && x.offer === null && x;
        }, 'c1 to wait again');
        expect(waiting.reason).toEqual({ code: 'all-declined' });
        const ended = (await w.events(0, ['offer-ended', 'offer-ended'])).filter(
          (e) => e.kind === 'offer-ended',
        );
        expect(ended.map((e) => [e.agentId, e.outcome])).toEqual([
          ['ana', 'expired'],
          ['bob', 'expired'],
        ]);
      },
    ));

  it('reorders the queue as waiting items age', () =>
    withRouter(
      { queues: [queue('general', { agingMinutes: 1 })], agents: [agent('ana')] },
      async (w) => {
        await w.presence('ana', 'away');
        await w.route(await w.item('old-p4', { priority: 4 }));
        await w.env.sleep(30 * second);
        await w.route(await w.item('new-p2', { priority: 2 }));
        const order = async () => (await w.snapshot()).waiting.map((x) => x.caseId);
        await eventually(async () => (await order()).length === 2, 'both waiting');
        expect(await order()).toEqual(['new-p2', 'old-p4']);
        // Four minutes on, both have risen to 1: the one waiting longest goes first.
        await w.env.sleep(4 * minute);
        expect(await order()).toEqual(['old-p4', 'new-p2']);
        await w.presence('ana', 'available');
        await w.offered('old-p4', 'ana');
      },
    ));

  it('relaxes skills after the configured waits and says why it waited', () =>
    withRouter(
      {
        queues: [
          queue('billing', {
            relaxation: {
              lowerLevelsAfterSeconds: 60,
              levelDrop: 1,
              dropOptionalAfterSeconds: 120,
            },
          }),
        ],
        agents: [agent('ana', { queues: ['billing'], skills: [{ skill: 'billing', level: 2 }] })],
      },
      async (w) => {
        const skills = [
          { skill: 'billing', minLevel: 3, optional: false },
          { skill: 'b2b', minLevel: 1, optional: true },
        ];
        await w.route(await w.item('c1', { queue: 'billing', skills }));
        const reason = async () => (await w.snapshot()).waiting[0]?.reason;
        await eventually(
          async () => (await reason())?.code === 'no-agent-with-skill',
          'a reason to wait',
        );
        expect(await reason()).toEqual({
          code: 'no-agent-with-skill',
          skill: 'billing',
          minLevel: 3,
        });
        await w.env.sleep(61 * second);
        await eventually(
          async () =>
            JSON.stringify(await reason()) ===
            JSON.stringify({ code: 'no-agent-with-skill', skill: 'b2b', minLevel: 1 }),
          'the level lowered, the optional skill still required',
        );
        await w.env.sleep(60 * second);
        await w.offered('c1', 'ana');
        const steps = (await w.events(0, ['item-relaxed', 'item-relaxed'])).flatMap((e) =>
          e.kind === 'item-relaxed' ? [e.step] : [],
        );
        expect(steps).toEqual(['levels-lowered', 'optional-dropped']);
      },
    ));

  it('ends the offer of an agent who goes offline and offers it to another', () =>
    withRouter({ queues: [queue('general')], agents: [agent('ana'), agent('bob')] }, async (w) => {
      await w.route(await w.item('c1'));
      await w.offered('c1', 'ana');
      const ana = await w.presence('ana', 'offline');
      expect(ana).toMatchObject({ presence: 'offline' });
      await w.offered('c1', 'bob');
      const ended = (await w.events(0, ['offer-ended'])).find((e) => e.kind === 'offer-ended');
      expect(ended).toMatchObject({ agentId: 'ana', outcome: 'agent-left' });
    }));

  it('refuses an accept after expiry with offer-expired, changing nothing', () =>
    withRouter(
      { queues: [queue('general', { offerTimeoutSeconds: 20 })], agents: [agent('ana')] },
      async (w) => {
        await w.route(await w.item('c1'));
        const offer = await w.offered('c1', 'ana');
        await w.env.sleep(25 * second);
        await eventually(
          async () => (await w.snapshot()).waiting[0]?.offer === null,
          'the offer to expire',
        );
        const before = await w.snapshot();
        expect(await w.respond('ana', offer.offerId, true)).toEqual({
          ok: false,
          code: 'offer-expired',
        });
        expect(await w.respond('bob', offer.offerId, true)).toEqual({
          ok: false,
          code: 'offer-not-yours',
        });
        expect(await w.snapshot()).toEqual(before);
        expect((await w.events()).some((e) => e.kind === 'assigned')).toBe(false);
      },
    ));

  it('stores a batch of events without waiting for the one before it to land', async () => {
    let releaseFirst = () => {};
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    let calls = 0;
    await withRouter(
      {
        queues: [queue('general')],
        agents: [agent('ana'), agent('bob')],
        activities: (real) => ({
          ...real,
          publishRoutingEvents: async (events) => {
            calls += 1;
            if (calls === 1) await firstHeld;
            await real.publishRoutingEvents(events);
          },
        }),
      },
      async (w) => {
        try {
          await w.route(await w.item('c1'));
          await w.offered('c1', 'ana');
          await eventually(async () => calls === 1, 'the first batch to be on its way');
          await w.route(await w.item('c2'));
          await w.offered('c2', 'bob');
          const offered = (await w.events(1, ['offer-created'])).filter(
            (e) => e.kind === 'offer-created',
          );
          expect(offered.map((e) => e.caseId)).toEqual(['c2']);
        } finally {
          releaseFirst();
        }
        const all = await w.events(0, ['offer-created', 'offer-created']);
        expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
        expect(all.filter((e) => e.kind === 'offer-created').map((e) => e.caseId)).toEqual([
          'c1',
          'c2',
        ]);
      },
    );
  });

  it('refuses presence for an agent it does not know', () =>
    withRouter({ queues: [queue('general')], agents: [agent('ana')] }, async (w) => {
      await expect(w.presence('nobody', 'available')).rejects.toBeInstanceOf(
        WorkflowUpdateFailedError,
      );
    }));

  /** One chat seat: Ana holds c0 while c1 waits for room, then releases c0. */
  const oneSeat = (over: Parameters<typeof queue>[1] = {}) => ({
    queues: [queue('general', over)],
    agents: [agent('ana', { capacity: { voice: 1, chat: 1, email: 10 } })],
  });
  async function releaseWithOneWaiting(w: RouterWorld) {
    await w.route(await w.item('c0'));
    await w.offered('c0', 'ana');
    await w.withdraw('c0', 'ana');
    await w.route(await w.item('c1'));
    await eventually(
      async () => (await w.snapshot()).waiting[0]?.reason?.code === 'no-free-capacity',
      'c1 to wait for room',
    );
    await w.release('c0', 'ana', 300);
  }

  it('frees capacity on release and offers the waiting work at once', () =>
    withRouter(oneSeat(), async (w) => {
      await releaseWithOneWaiting(w);
      await w.offered('c1', 'ana');
      const ana = (await w.snapshot()).agents.find((a) => a.agentId === 'ana');
      expect(ana?.load).toEqual({});
    }));

  it('holds the capacity through the queue’s wrap-up, then offers the waiting work', () =>
    withRouter(oneSeat({ wrapUpSeconds: 90 }), async (w) => {
      await releaseWithOneWaiting(w);
      const ana = await eventually(async () => {
        const a = (await w.snapshot()).agents.find((x) => x.agentId === 'ana');
        return a?.wrapUps.c0 !== undefined && a;
      }, 'ana in wrap-up');
      expect(ana.load).toEqual({ c0: 'chat' });
      expect((await w.snapshot()).waiting[0]?.offer).toBeNull();
      await w.env.sleep(91 * second);
      await w.offered('c1', 'ana');
      const kinds = (await w.events(0, ['wrap-up', 'released'])).map((e) => e.kind);
      expect(kinds.indexOf('wrap-up')).toBeLessThan(kinds.indexOf('released'));
    }));

  it('gives the capacity back when the accepted case no longer runs', () =>
    withRouter({ queues: [queue('general')], agents: [agent('ana')] }, async (w) => {
      await w.route(await w.item('gone'));
      const offer = await w.offered('gone', 'ana');
      expect(await w.respond('ana', offer.offerId, true)).toEqual({
        ok: true,
        outcome: 'accepted',
      });
      const kinds = (await w.events(4)).map((e) => e.kind);
      expect(kinds).toEqual(['offer-created', 'offer-ended', 'assigned', 'released']);
    }));

  it('keeps everything across continue-as-new, waiting order included', () =>
    withRouter(
      {
        queues: [queue('general'), queue('other')],
        agents: [agent('ana'), agent('zed', { queues: ['other'] })],
        historyEventBudget: 100,
      },
      async (w) => {
        await w.presence('ana', 'away');
        for (const [caseId, priority] of [
          ['a', 3],
          ['b', 1],
          ['c', 5],
          ['d', 1],
        ] as const)
          await w.route(await w.item(caseId, { priority }));
        await w.presence('ana', 'available');
        await w.offered('b', 'ana');
        await w.withdraw('d', 'ana');
        await eventually(async () => (await w.snapshot()).waiting.length === 3, 'd withdrawn');
        const before = await w.snapshot();
        const firstRun = (await w.handle.describe()).runId;
        for (let i = 0; (await w.handle.describe()).runId === firstRun; i += 1) {
          expect(i).toBeLessThan(60);
          await w.presence('zed', i % 2 === 0 ? 'away' : 'available');
        }
        await w.presence('zed', 'available');
        const after = await w.snapshot();
        expect(after.waiting).toEqual(before.waiting);
        expect(after.waiting.map((x) => x.caseId)).toEqual(['b', 'a', 'c']);
        const ana = (s: typeof before) => s.agents.find((a) => a.agentId === 'ana');
        expect(ana(after)).toEqual(ana(before));
        expect(ana(after)?.load).toEqual({ d: 'chat' });
        const seqs = (await w.events()).map((e) => e.seq);
        expect(seqs).toEqual(seqs.map((_, i) => i + 1));
        // The first run started with Temporal's default; the next one has the router's own.
        const taskTimeout = async () =>
          (await w.handle.describe()).raw.executionConfig?.defaultWorkflowTaskTimeout?.seconds;
        expect(String(await taskTimeout())).toBe('60');
      },
    ));
});
