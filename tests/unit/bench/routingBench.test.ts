import { describe, expect, it } from 'vitest';
import { defaultQueueRouting, type RoutingCatalogue } from '../../../workflows/contracts/routing';
import { summarise } from '../../bench/intake/stats';
import type { LoadResult } from '../../bench/intake/load';
import { decisionRate, OfferClock } from '../../bench/routing/offerClock';
import { parseRoutingBenchOptions } from '../../bench/routing/options';
import { type OfferTrace, stageFigures } from '../../bench/routing/stages';
import { routerStateOf, timePureRound, waitingItems } from '../../bench/routing/pureRound';
import { routingRows, type RoutingBenchResult } from '../../bench/routing/report';

describe('bench:routing options', () => {
  it('defaults to the issue sizes and shrinks them with --quick', () => {
    expect(parseRoutingBenchOptions([])).toEqual({
      quick: false,
      rates: [5, 10, 20],
      seconds: 10,
      agents: 50,
      waiting: 1000,
      handleMs: 1000,
    });
    const quick = parseRoutingBenchOptions(['--quick', '--rates', '10']);
    expect(quick).toMatchObject({ quick: true, rates: [10], waiting: 300 });
    expect(() => parseRoutingBenchOptions(['--agents', '0'])).toThrow();
  });
});

describe('bench:routing offer clock', () => {
  const decidedAt = '2026-12-02T08:00:00.000Z';
  it('times each case from its 202 to its first offer, and lists the cases never offered', () => {
    const clock = new OfferClock();
    clock.intakeAnswered('a', 100);
    clock.offerSeen('a', 350, decidedAt);
    clock.offerSeen('a', 900, decidedAt); // a re-offer is not the first
    clock.offerSeen('b', 40, decidedAt); // seen before its 202 was read
    clock.intakeAnswered('b', 60);
    clock.intakeAnswered('c', 70);
    expect(clock.latencies(['a', 'b', 'c'])).toEqual([250, 0]);
    expect(clock.missing(['a', 'b', 'c'])).toEqual(['c']);
    expect(clock.wallTimes('a')).toEqual({
      answered: performance.timeOrigin + 100,
      offerDecided: Date.parse(decidedAt),
      seen: performance.timeOrigin + 350,
    });
    expect(clock.wallTimes('c')).toBeNull();
  });

  it('rates decisions over the window up to the last one', () => {
    expect(decisionRate(1000, [1500, 2000, 3000])).toBe(1.5);
    expect(decisionRate(1000, [])).toBeNull();
    expect(decisionRate(1000, [1000])).toBeNull();
  });
});

describe('bench:routing offer stages', () => {
  const trace = (answered: number, step: number): OfferTrace => ({
    answered,
    caseStarted: answered - 5,
    decided: answered + step,
    stepsStarted: answered + 2 * step,
    handedOver: answered + 3 * step,
    offerDecided: answered + 4 * step,
    stored: answered + 5 * step,
    seen: answered + 6 * step,
  });

  it('times each stage from the one before, and its end from the 202, over complete traces', () => {
    const partial = { ...trace(0, 1000), stored: null };
    const figures = stageFigures([trace(1000, 10), trace(5000, 20), partial]);
    expect(figures.map((f) => f.label)).toHaveLength(7);
    expect(figures[0]!.own).toMatchObject({ count: 2, p50: -5 });
    expect(figures[1]!.own).toMatchObject({ p50: 15, max: 25 });
    expect(figures[6]!.fromAnswer).toMatchObject({ p50: 60, p99: 120 });
  });
});

describe('bench:routing pure round', () => {
  it('decides one item per available agent on the same state the sort orders', () => {
    const now = new Date('2026-12-02T08:00:00Z');
    const catalogue: RoutingCatalogue = {
      queues: [defaultQueueRouting('general')],
      agents: ['x', 'y', 'z'].map((agentId) => ({
        agentId,
        name: agentId,
        skills: [],
        queues: ['general'],
        langs: ['fr'],
        capacity: { voice: 1, chat: 3, email: 10 },
      })),
    };
    const state = routerStateOf(catalogue, ['x', 'y'], waitingItems(20, 'general', now), now);
    expect(state.agents.map((a) => a.agentId)).toEqual(['x', 'y']);
    const result = timePureRound(state, now, 3);
    expect(result.decisionsPerRound).toBe(2);
    expect(result.round.count).toBe(3);
    expect(result.sort.count).toBe(3);
  });
});

const load = (p50: number, p99: number): LoadResult => ({
  throughput: 10,
  seconds: 10,
  latency: { count: 100, p50, p95: p99, p99, max: p99 },
  outcomes: { '202': 100 },
});

describe('bench:routing table rows', () => {
  const result = (offerP99: number, notOffered = 0): RoutingBenchResult => ({
    agents: 50,
    phases: [5, 10].map((rate) => ({
      rate,
      intakeAlone: load(40, 100),
      intake: load(45, 120),
      offer: summarise([200, offerP99]),
      notOffered,
      stages: [],
    })),
    decisions: { waiting: 1000, handedOver: 700, offers: 1000, seconds: 20, perSecond: 50 },
    pure: {
      decisionsPerRound: 50,
      round: summarise([2]),
      sort: summarise([0.5]),
      waiting: 1000,
      agents: 50,
    },
  });

  it('checks the p99 target at 10/s only, against the 202 alone', () => {
    const rows = routingRows(result(800));
    const p99At10 = rows.find((r) => r.figure.startsWith('Offer latency p99 at 10/s'))!;
    expect(p99At10).toMatchObject({ relais: '800 ms', ratio: 8, goal: '< 1000 ms', met: true });
    expect(rows.find((r) => r.figure.startsWith('Offer latency p99 at 5/s'))!.met).toBeNull();
    expect(routingRows(result(1200)).find((r) => r.figure.includes('p99 at 10/s'))!.met).toBe(
      false,
    );
  });

  it('says how many calls intake shed', () => {
    const shed = result(800);
    shed.phases[1]!.intake.outcomes = { '202': 95, '429': 5 };
    const row = routingRows(shed).find((r) => r.figure.includes('p99 at 10/s'))!;
    expect(row.relais).toBe('800 ms (5 × 429)');
  });

  it('fails the target when a case was never offered, and says so', () => {
    const row = routingRows(result(800, 2)).find((r) => r.figure.includes('p99 at 10/s'))!;
    expect(row.met).toBe(false);
    expect(row.relais).toContain('2 not offered');
  });

  it('sets live decisions against the pure round, and the round against the sort', () => {
    const rows = routingRows(result(800));
    const live = rows.find((r) => r.figure.startsWith('Routing decisions'))!;
    expect(live.relais).toBe('50/s (1000 in 20.0 s)');
    expect(live.figure).toContain('1000 waiting, 700 of them handed over without a case');
    // 50 decisions in 2 ms: 25,000 per second.
    expect(live.ratio).toBeCloseTo(50 / 25_000);
    const round = rows.find((r) => r.figure.startsWith('Pure assignment round'))!;
    expect(round).toMatchObject({ relais: '2.00 ms', ratio: 4 });
  });
});
