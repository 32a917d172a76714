import type { EngineResult } from './engineRun';
import type { PhaseResult } from './round';
import { ratio } from './stats';
import { formatMiB, formatMs, formatRate, type FigureRow } from './table';

const n = (x: number) => x.toLocaleString('en-US');

const rateAndP50 = (p: {
  throughput: number;
  latency: { p50: number | null; p99: number | null };
}) =>
  `${formatRate(p.throughput)} (p50 ${formatMs(p.latency.p50)}, p99 ${formatMs(p.latency.p99)})`;

function refusals(p: PhaseResult): string {
  const bad = Object.entries(p.outcomes).filter(([k]) => k !== '202');
  const r429 = p.outcomes['429'] ?? 0;
  const errors = bad.filter(([k]) => k !== '429').reduce((sum, [, v]) => sum + v, 0);
  return `${r429} × 429, ${errors} errors`;
}

/** POST → task visible, and tasks per second end to end (a 202 is not yet a task). */
function endToEndRow(figure: string, p: PhaseResult, at0: PhaseResult | null): FigureRow {
  return {
    figure: `${figure}: POST → task visible; tasks/s end to end; last task after the run`,
    relais: `p50 ${formatMs(p.endToEnd.p50)}, p99 ${formatMs(p.endToEnd.p99)}; ${formatRate(p.tasksPerSecond)}; last +${formatMs(p.lastTaskAfterMs)}${p.missingTasks ? `, ${p.missingTasks} not within 1 min` : ''}`,
    baseline: at0 ? `at 0 stored: ${formatRate(at0.tasksPerSecond)}` : '—',
    ratio: at0 ? ratio(p.tasksPerSecond, at0.tasksPerSecond) : null,
    goal: '',
    met: null,
  };
}

/** The figures of one engine's run, each beside its same-run baseline. */
export function engineRows(r: EngineResult, label: string): FigureRow[] {
  const rows: FigureRow[] = [];
  const at0 = r.rounds[0]!;
  const last = r.rounds[r.rounds.length - 1]!;
  for (const [c, phase] of Object.entries(at0.closed)) {
    const bare = r.bare.signalWithStart[c];
    const share = ratio(phase.throughput, bare?.throughput);
    const goal = c === '1' || c === '16' ? '≥ 50 % of bare' : '';
    rows.push({
      figure: `${label}Intake, closed loop ×${c}`,
      relais: rateAndP50(phase),
      baseline: bare ? `bare \`signalWithStart\`: ${formatRate(bare.throughput)}` : '—',
      ratio: share,
      goal,
      met: goal && share !== null ? share >= 0.5 : null,
    });
  }
  for (const [c, upd] of Object.entries(r.bare.updateWithStart)) {
    const sig = r.bare.signalWithStart[c];
    rows.push({
      figure: `${label}Bare update-with-start ×${c}`,
      relais: `${formatRate(upd.throughput)} (p50 ${formatMs(upd.latency.p50)})`,
      baseline: sig ? `bare \`signalWithStart\`: ${formatRate(sig.throughput)}` : '—',
      ratio: ratio(upd.throughput, sig?.throughput),
      goal: '',
      met: null,
    });
  }
  for (const [rate, phase] of Object.entries(at0.open)) {
    const goal = rate === '10' ? 'p99 < 500 ms' : '';
    rows.push({
      figure: `${label}Intake, open loop ${rate}/s for ${r.phaseSeconds} s`,
      relais: `p50 ${formatMs(phase.latency.p50)}, p99 ${formatMs(phase.latency.p99)}; ${refusals(phase)}`,
      baseline: '—',
      ratio: null,
      goal,
      met: goal && phase.latency.p99 !== null ? phase.latency.p99 < 500 : null,
    });
  }
  rows.push({
    figure: `${label}One contact at a time, POST → task visible`,
    relais: `p50 ${formatMs(at0.single.p50)}, p99 ${formatMs(at0.single.p99)}`,
    baseline: '—',
    ratio: null,
    goal: '',
    met: null,
  });
  const cMax = Object.keys(at0.closed).at(-1);
  const busiest = cMax ? at0.closed[cMax] : undefined;
  if (busiest) rows.push(endToEndRow(`${label}Closed loop ×${cMax}`, busiest, null));
  for (const round of r.rounds.slice(1)) {
    const isLast = round === last;
    for (const [c, phase] of Object.entries(round.closed)) {
      const base = at0.closed[c];
      const share = ratio(phase.throughput, base?.throughput);
      const goal = isLast && round.stored >= 100_000 ? '≥ 90 % of at 0' : '';
      rows.push({
        figure: `${label}Intake ×${c} with ${n(round.stored)} contacts stored`,
        relais: rateAndP50(phase),
        baseline: base ? `same at 0 stored: ${formatRate(base.throughput)}` : '—',
        ratio: share,
        goal,
        met: goal && share !== null ? share >= 0.9 : null,
      });
    }
    const roundBusiest = cMax ? round.closed[cMax] : undefined;
    if (roundBusiest)
      rows.push(
        endToEndRow(
          `${label}Closed loop ×${cMax}, ${n(round.stored)} stored`,
          roundBusiest,
          busiest ?? null,
        ),
      );
    const open10 = round.open['10'];
    if (open10)
      rows.push({
        figure: `${label}Open loop 10/s with ${n(round.stored)} contacts stored`,
        relais: `p50 ${formatMs(open10.latency.p50)}, p99 ${formatMs(open10.latency.p99)}; ${refusals(open10)}`,
        baseline: at0.open['10'] ? `at 0: p99 ${formatMs(at0.open['10'].latency.p99)}` : '—',
        ratio: null,
        goal: 'p99 < 500 ms',
        met: open10.latency.p99 !== null ? open10.latency.p99 < 500 : null,
      });
  }
  for (const p of r.preloads)
    rows.push({
      figure: `${label}Pre-load to ${n(p.to)} contacts`,
      relais: `${n(p.documents)} documents in ${p.seconds.toFixed(1)} s`,
      baseline: '—',
      ratio: null,
      goal: '',
      met: null,
    });
  const h = r.history;
  rows.push({
    figure: `${label}Temporal history of one contact (customer + case), once its intake is done`,
    relais: `${h.relais.events} events, ${h.relais.workflowTasks} workflow tasks, ${h.relais.activities} activities, ${h.relais.localActivities} markers`,
    baseline: `bare: ${h.bare.events} events, ${h.bare.workflowTasks} workflow tasks`,
    ratio: ratio(h.relais.events, h.bare.events),
    goal: '',
    met: null,
  });
  if (r.breach) {
    const b = r.breach;
    rows.push({
      figure: `${label}Breach lateness, burst of ${b.sent} chat contacts`,
      relais: `p50 ${formatMs(b.lateness.p50)}, p99 ${formatMs(b.lateness.p99)} (${b.breached}/${b.accepted} breached; promise ${b.promiseSeconds ?? '—'} s)`,
      baseline: '—',
      ratio: null,
      goal: 'p99 ≤ 1 s',
      met: b.lateness.p99 !== null && b.breached > 0 ? b.lateness.p99 <= 1000 : null,
    });
  }
  rows.push({
    figure: `${label}Worker RSS: idle → peak${r.rss.atEnd ? ` → with ${n(r.rss.atEnd.openCases)} open cases` : ''}`,
    relais: `${formatMiB(r.rss.idle)} → ${formatMiB(r.rss.peak)}${r.rss.atEnd ? ` → ${formatMiB(r.rss.atEnd.bytes)}` : ''}`,
    baseline: `bare worker: ${formatMiB(r.rss.bareIdle)} → ${formatMiB(r.rss.bareAfter)}`,
    ratio: null,
    goal: 'flat once the cache is full',
    met: null,
  });
  return rows;
}

/** PostgreSQL against SQLite on what depends on the store: the same phases, same machine. */
export function engineComparisonRows(results: readonly EngineResult[]): FigureRow[] {
  const a = results.find((r) => r.engine === 'postgresql');
  const b = results.find((r) => r.engine === 'sqlite');
  if (!a || !b) return [];
  const side = (engine: string, p: PhaseResult) =>
    `${engine}: ${formatRate(p.throughput)} answered, ${formatRate(p.tasksPerSecond)} tasks (task p99 ${formatMs(p.endToEnd.p99)})`;
  return a.rounds.flatMap((ra) => {
    const rb = b.rounds.find((r) => r.stored === ra.stored);
    if (!rb) return [];
    return Object.entries(ra.closed).flatMap(([c, pa]) => {
      const pb = rb.closed[c];
      if (!pb) return [];
      return [
        {
          figure: `Intake ×${c}, ${n(ra.stored)} stored, ${a.engine} vs ${b.engine} (ratio of tasks/s)`,
          relais: side(a.engine, pa),
          baseline: side(b.engine, pb),
          ratio: ratio(pa.tasksPerSecond, pb.tasksPerSecond),
          goal: '',
          met: null,
        },
      ];
    });
  });
}
