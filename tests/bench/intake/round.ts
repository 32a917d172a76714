import type { Collection, Document } from 'mongodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { emailContact, type Contact } from './contacts';
import { closedLoop, openLoop, type Call, type LoadResult } from './load';
import type { PhaseProfiler } from './phaseProfiler';
import type { IntakeAnswer } from './relaisIntake';
import type { RssSampler } from './rss';
import { summarise, type LatencySummary } from './stats';
import { TaskWatcher } from './taskWatcher';

export interface PhaseResult extends LoadResult {
  /** POST → task visible, for the contacts of this phase. */
  endToEnd: LatencySummary;
  /** How long after the phase's last answer its last task appeared, ms. */
  lastTaskAfterMs: number | null;
  /** Tasks that appeared per second, from the phase's start to its last task: end to end. */
  tasksPerSecond: number | null;
  /** Accepted contacts whose task had not appeared when the wait gave up. */
  missingTasks: number;
  workerRssPeak: number | null;
}

export interface RoundResult {
  /** Contacts stored before this round. */
  stored: number;
  /** One contact at a time, each waiting for its task: POST → task visible. */
  single: LatencySummary;
  closed: Record<string, PhaseResult>;
  open: Record<string, PhaseResult>;
}

export interface RoundDeps {
  intake: (c: Contact) => Promise<IntakeAnswer>;
  tasks: Collection<Document>;
  rss: RssSampler;
  progress: (line: string) => void;
  /** Counts accepted contacts: every one leaves an open case. */
  onAccepted: () => void;
  /** Profiles the phases whose label `profiles` picks. */
  profiler: { profiles: (label: string) => boolean; profiler: PhaseProfiler } | null;
}

/** A phase's call: one new customer's email; an accepted one's task is watched. */
function intakeCall(deps: RoundDeps, run: string, watcher: TaskWatcher): Call {
  return async (n) => {
    const postedAt = Date.now();
    const answer = await deps.intake(emailContact(run, n));
    if (answer.status === 202) {
      deps.onAccepted();
      if (answer.caseId) watcher.watch(answer.caseId, postedAt);
    }
    return String(answer.status);
  };
}

async function phase(
  deps: RoundDeps,
  label: string,
  run: string,
  load: (call: Call) => Promise<LoadResult>,
): Promise<PhaseResult> {
  deps.rss.label = label;
  const watcher = new TaskWatcher(deps.tasks);
  try {
    const profiled = deps.profiler?.profiles(label) ? deps.profiler.profiler : null;
    await profiled?.start(label);
    const startedAt = Date.now();
    const result = await load(intakeCall(deps, run, watcher));
    const endedAt = Date.now();
    await profiled?.stop();
    // Bounded, so that a store that has fallen far behind still lets the run finish.
    const drained = await watcher.drain(drainMs, (pending) =>
      deps.progress(`${label}: ${pending} tasks still to appear`),
    );
    const out: PhaseResult = {
      ...result,
      endToEnd: summarise(watcher.endToEnd()),
      lastTaskAfterMs:
        drained.lastSeenAt === null ? null : Math.max(0, drained.lastSeenAt - endedAt),
      missingTasks: drained.missing,
      tasksPerSecond:
        drained.lastSeenAt === null
          ? null
          : watcher.endToEnd().length / ((drained.lastSeenAt - startedAt) / 1000),
      workerRssPeak: deps.rss.peak(label),
    };
    const o = Object.entries(result.outcomes)
      .map(([k, v]) => `${k}×${v}`)
      .join(' ');
    deps.progress(
      `${label}: ${result.throughput.toFixed(1)}/s p50 ${fmt(result.latency.p50)} p99 ${fmt(result.latency.p99)} [${o}]; task p50 ${fmt(out.endToEnd.p50)} p99 ${fmt(out.endToEnd.p99)}, last +${fmt(out.lastTaskAfterMs)}, ${out.tasksPerSecond?.toFixed(1) ?? '—'} tasks/s${out.missingTasks ? `, ${out.missingTasks} missing` : ''}`,
    );
    return out;
  } finally {
    await watcher.stop();
  }
}

const drainMs = 60_000;

const fmt = (ms: number | null) => (ms === null ? '—' : `${Math.round(ms)} ms`);

/** Every intake phase at one amount of stored data, each drained before the next starts. */
export async function intakeRound(
  deps: RoundDeps,
  opts: {
    stored: number;
    run: string;
    singles: number;
    seconds: number;
    concurrency: number[];
    openRates: number[];
  },
): Promise<RoundResult> {
  const at = `${opts.stored} stored`;
  deps.rss.label = `${at}: single`;
  const single: number[] = [];
  for (let n = 0; n < opts.singles; n += 1) {
    const postedAt = Date.now();
    const answer = await deps.intake(emailContact(`${opts.run}-single`, n));
    if (answer.status !== 202 || !answer.caseId) continue;
    deps.onAccepted();
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (
        await deps.tasks.findOne(
          { _id: answer.caseId as unknown as Document['_id'] },
          { projection: { _id: 1 } },
        )
      ) {
        single.push(Date.now() - postedAt);
        break;
      }
      await sleep(10);
    }
  }
  const singleSummary = summarise(single);
  deps.progress(
    `${at}: one at a time, POST → task p50 ${fmt(singleSummary.p50)} p99 ${fmt(singleSummary.p99)}`,
  );
  const closed: Record<string, PhaseResult> = {};
  for (const c of opts.concurrency)
    closed[c] = await phase(deps, `${at}: closed loop ×${c}`, `${opts.run}-c${c}`, (call) =>
      closedLoop(call, c, opts.seconds),
    );
  const open: Record<string, PhaseResult> = {};
  for (const rate of opts.openRates)
    open[rate] = await phase(deps, `${at}: open loop ${rate}/s`, `${opts.run}-o${rate}`, (call) =>
      openLoop(call, rate, opts.seconds),
    );
  return { stored: opts.stored, single: singleSummary, closed, open };
}
