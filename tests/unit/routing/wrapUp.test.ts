import { describe, expect, it } from 'vitest';
import type { RoutingEvent } from '../../../workflows/contracts/routing';
import { RouterModel } from '../../../workflows/router/routerModel';
import { agentRouting, at, queue, routerState, workItem } from './fixtures';

const kinds = (events: RoutingEvent[]) => events.map((e) => e.kind);

/** One agent who takes one chat at a time, on a queue with a minute of wrap-up. */
function oneSeat(wrapUpSeconds = 60) {
  return new RouterModel(
    routerState(
      [{ routing: agentRouting('a', { capacity: { voice: 1, chat: 1, email: 10 } }) }],
      [
        queue('general', {
          autoAccept: true,
          wrapUpSeconds,
          relaxation: {
            lowerLevelsAfterSeconds: null,
            levelDrop: 1,
            dropOptionalAfterSeconds: null,
          },
        }),
      ],
    ),
  );
}

describe('wrap-up after a case', () => {
  it('keeps the capacity taken until the wrap-up ends, then offers the next case', () => {
    const m = oneSeat();
    m.routeWork(workItem('c1'), at(0));
    m.routeWork(workItem('c2'), at(0));
    m.route(at(0));
    expect(m.agent('a')!.load).toEqual({ c1: 'chat' });

    m.releaseWork({ caseId: 'c1', agentId: 'a', handledSeconds: 240 }, at(240));
    m.route(at(240));
    expect(m.agent('a')).toMatchObject({
      load: { c1: 'chat' },
      wrapUps: { c1: at(300).toISOString() },
      idleSince: null,
    });
    // The handle time is the case's, not the wrap-up's.
    expect(m.state.handleTimes).toEqual({ general: [240] });
    expect(m.snapshot(at(240)).waiting.map((w) => w.caseId)).toEqual(['c2']);
    expect(m.nextDueAt(at(240))).toEqual(at(300));

    m.route(at(300));
    expect(m.agent('a')).toMatchObject({ load: { c2: 'chat' }, wrapUps: {} });
    expect(kinds(m.takeEvents())).toEqual([
      'assigned',
      'item-waiting',
      'wrap-up',
      'released',
      'assigned',
    ]);
  });

  it('frees at once without wrap-up, or for a case the agent never got', () => {
    const none = oneSeat(0);
    none.routeWork(workItem('c1'), at(0));
    none.route(at(0));
    none.releaseWork({ caseId: 'c1', agentId: 'a', handledSeconds: 240 }, at(240));
    expect(none.agent('a')).toMatchObject({ load: {}, wrapUps: {} });

    const gone = oneSeat();
    gone.routeWork(workItem('c1'), at(0));
    gone.route(at(0));
    gone.caseUnreachable({ caseId: 'c1', agentId: 'a', offerId: null }, at(1));
    expect(gone.agent('a')).toMatchObject({ load: {}, wrapUps: {} });
  });

  it('counts a second release during the wrap-up once, and ends it when the case comes back', () => {
    const m = oneSeat();
    m.routeWork(workItem('c1'), at(0));
    m.route(at(0));
    m.releaseWork({ caseId: 'c1', agentId: 'a', handledSeconds: 100 }, at(100));
    m.releaseWork({ caseId: 'c1', agentId: 'a', handledSeconds: 110 }, at(110));
    expect(m.state.handleTimes).toEqual({ general: [100] });
    expect(m.agent('a')!.wrapUps).toEqual({ c1: at(160).toISOString() });

    // Reopened and routed back to the same agent before the wrap-up ends: theirs again.
    m.routeWork(workItem('c1', { reason: 'reopen' }), at(120));
    m.route(at(120));
    expect(m.agent('a')).toMatchObject({ load: { c1: 'chat' }, wrapUps: {} });
  });

  it('carries a wrap-up across continue-as-new, and reads a state from before wrap-up', () => {
    const m = oneSeat();
    m.routeWork(workItem('c1'), at(0));
    m.route(at(0));
    m.releaseWork({ caseId: 'c1', agentId: 'a', handledSeconds: 100 }, at(100));
    const next = new RouterModel(m.carry());
    expect(next.nextDueAt(at(100))).toEqual(at(160));
    next.route(at(160));
    expect(next.agent('a')).toMatchObject({ load: {}, wrapUps: {} });

    const old = m.carry() as unknown as {
      agents: Record<string, unknown>[];
      catalogue: { queues: Record<string, unknown>[] };
    };
    for (const a of old.agents) delete a.wrapUps;
    for (const q of old.catalogue.queues) delete q.wrapUpSeconds;
    const before = new RouterModel(old as unknown as ReturnType<RouterModel['carry']>);
    expect(before.agent('a')!.wrapUps).toEqual({});
    before.releaseWork({ caseId: 'c1', agentId: 'a', handledSeconds: 100 }, at(100));
    expect(before.agent('a')!.load).toEqual({});
  });
});
