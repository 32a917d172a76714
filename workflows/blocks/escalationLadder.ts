import { condition } from '@temporalio/workflow';
import type { EscalationLadder } from '../../rules/model/decision';
import { minutesToMs, workflowNow } from '../lib/clock';

type Level = EscalationLadder['levels'][number];

export interface LadderOptions {
  ladder: EscalationLadder;
  /** When the promise clock started and when it is due. */
  startedAt: Date;
  dueAt: Date;
  /** True once the promise is met (e.g. first agent response); stops the ladder. */
  isMet: () => boolean;
  onWarning: () => Promise<void>;
  onLevel: (level: Level, index: number) => Promise<void>;
}

/** Waits until `at` or until the promise is met; true when met. */
async function waitUntil(at: Date, isMet: () => boolean): Promise<boolean> {
  const ms = at.getTime() - workflowNow().getTime();
  if (ms <= 0) return isMet();
  return condition(isMet, ms);
}

/**
 * Drives one promise: a warning at `warnAtRatio` of the target, then each escalation level at
 * its offset after the breach. Resolves 'met' as soon as the promise is kept, 'exhausted' once
 * every level has fired.
 */
export async function runEscalationLadder(opts: LadderOptions): Promise<'met' | 'exhausted'> {
  const { ladder, startedAt, dueAt, isMet } = opts;
  const warnAt = new Date(
    startedAt.getTime() + (dueAt.getTime() - startedAt.getTime()) * ladder.warnAtRatio,
  );
  if (await waitUntil(warnAt, isMet)) return 'met';
  await opts.onWarning();
  const levels = [...ladder.levels].sort((a, b) => a.afterBreachMinutes - b.afterBreachMinutes);
  for (const [index, level] of levels.entries()) {
    const at = new Date(dueAt.getTime() + minutesToMs(level.afterBreachMinutes));
    if (await waitUntil(at, isMet)) return 'met';
    await opts.onLevel(level, index);
  }
  return 'exhausted';
}
