import type { LoadResult } from '../intake/load';
import { formatMs, formatRate, type FigureRow } from '../intake/table';
import { ratio, type LatencySummary } from '../intake/stats';
import type { PureRoundResult } from './pureRound';
import type { StageFigure } from './stages';

/** The target: an offer within a second at this rate, p99. */
export const targetRate = 10;
export const targetP99Ms = 1000;

export interface RatePhase {
  rate: number;
  /** Intake with no agent available: the 202 alone (the baseline). */
  intakeAlone: LoadResult;
  /** Intake with agents available: the 202 of the same calls. */
  intake: LoadResult;
  /** 202 → offer-created seen on the event tail, ms. */
  offer: LatencySummary;
  /** Cases accepted in the phase that got no offer before the bench gave up waiting. */
  notOffered: number;
  /** Where the offer latency goes, stage by stage. */
  stages: StageFigure[];
}

export interface DecisionsPhase {
  waiting: number;
  /** Of those, work items signalled straight to the router (no case behind them). */
  handedOver: number;
  /** Offers made from the moment the agents were set Available until every case was offered. */
  offers: number;
  seconds: number;
  perSecond: number | null;
}

export interface RoutingBenchResult {
  agents: number;
  phases: RatePhase[];
  decisions: DecisionsPhase;
  pure: PureRoundResult & { waiting: number; agents: number };
}

/** Calls not answered 202 ("3 × 429"): shed by intake, so never offered. */
export const refusals = (r: LoadResult): string[] =>
  Object.entries(r.outcomes)
    .filter(([outcome]) => outcome !== '202')
    .map(([outcome, n]) => `${n} × ${outcome}`);

const ms = (s: LatencySummary, p: 'p50' | 'p99') => s[p];

export function routingRows(r: RoutingBenchResult): FigureRow[] {
  const offerRows = r.phases.flatMap((p): FigureRow[] =>
    (['p50', 'p99'] as const).map((q) => {
      const target = q === 'p99' && p.rate === targetRate;
      const value = ms(p.offer, q);
      const notes = [
        ...(p.notOffered > 0 ? [`${p.notOffered} not offered`] : []),
        ...refusals(p.intake),
      ];
      const missing = notes.length > 0 ? ` (${notes.join(', ')})` : '';
      return {
        figure: `Offer latency ${q} at ${p.rate}/s, ${r.agents} agents (202 → offer on the tail)`,
        relais: `${formatMs(value)}${missing}`,
        baseline: `${formatMs(ms(p.intakeAlone.latency, q))} (202 alone, no agent available)`,
        ratio: ratio(value, ms(p.intakeAlone.latency, q)),
        goal: target ? `< ${formatMs(targetP99Ms)}` : '',
        met: target ? value !== null && value < targetP99Ms && p.notOffered === 0 : null,
      };
    }),
  );
  const pureRate =
    r.pure.round.p50 === null || r.pure.round.p50 === 0
      ? null
      : r.pure.decisionsPerRound / (r.pure.round.p50 / 1000);
  return [
    ...offerRows,
    {
      figure: `Routing decisions per second at ${r.decisions.waiting} waiting, ${r.decisions.handedOver} of them handed over without a case (router workflow, offers made while agents accept and resolve)`,
      relais: `${formatRate(r.decisions.perSecond)} (${r.decisions.offers} in ${r.decisions.seconds.toFixed(1)} s)`,
      baseline: `${formatRate(pureRate)} (pure assignment round alone)`,
      ratio: ratio(r.decisions.perSecond, pureRate),
      goal: '',
      met: null,
    },
    {
      figure: `Pure assignment round at ${r.pure.waiting} waiting, ${r.pure.agents} agents (p50, ${r.pure.decisionsPerRound} decisions)`,
      relais: formatMs2(r.pure.round.p50),
      baseline: `${formatMs2(r.pure.sort.p50)} (work-order sort of the same items)`,
      ratio: ratio(r.pure.round.p50, r.pure.sort.p50),
      goal: '',
      met: null,
    },
  ];
}

/** Sub-millisecond durations keep two decimals. */
export const formatMs2 = (v: number | null): string =>
  v === null ? '—' : v < 10 ? `${v.toFixed(2)} ms` : formatMs(v);

/** One table per rate: each stage's own p50 and p99, and when it ends after the 202 (p50, p99). */
export function stageTables(r: RoutingBenchResult): string {
  return r.phases
    .map((p) => {
      const count = p.stages[0]?.own.count ?? 0;
      const lines = p.stages.map(
        (s) =>
          `| ${s.label} | ${formatMs(s.own.p50)} | ${formatMs(s.own.p99)} | ${formatMs(s.fromAnswer.p50)} | ${formatMs(s.fromAnswer.p99)} |`,
      );
      return [
        `Offer stages at ${p.rate}/s (${count} offers traced)`,
        '',
        '| Stage | p50 | p99 | Ends after the 202, p50 | p99 |',
        '| --- | ---: | ---: | ---: | ---: |',
        ...lines,
      ].join('\n');
    })
    .join('\n\n');
}
