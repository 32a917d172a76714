import type { EscalationLadder } from '../../rules/model/decision';
import type { PromiseClock } from './promiseClock';
import { waitForInstant } from './waitFor';

export type EscalationLevel = EscalationLadder['levels'][number];

export interface LadderOptions {
  ladder: EscalationLadder;
  clock: PromiseClock;
  /** True once the promise is kept; stops the ladder at once. */
  isMet: () => boolean;
  onWarning: () => Promise<void>;
  /** The moment the promise is broken, before any level fires. */
  onBreach: () => Promise<void>;
  onLevel: (level: EscalationLevel, index: number) => Promise<void>;
}

/**
 * Drives one promise on its clock: a warning at `warnAtRatio` of the target, the breach, then
 * each escalation level at its offset after the breach (offsets are promise-clock minutes, so a
 * pause while waiting on the customer or a closed weekend holds the ladder too).
 * Resolves 'met' as soon as the promise is kept, 'exhausted' once every level has fired.
 */
export async function runEscalationLadder(opts: LadderOptions): Promise<'met' | 'exhausted'> {
  const { ladder, clock, isMet } = opts;
  const reach = (minutes: number) =>
    waitForInstant(
      () => clock.instantOf(minutes),
      () => clock.version,
      isMet,
    );
  if (await reach(clock.targetMinutes * ladder.warnAtRatio)) return 'met';
  await opts.onWarning();
  if (await reach(clock.targetMinutes)) return 'met';
  await opts.onBreach();
  const levels = [...ladder.levels].sort((a, b) => a.afterBreachMinutes - b.afterBreachMinutes);
  for (const [index, level] of levels.entries()) {
    if (await reach(clock.targetMinutes + level.afterBreachMinutes)) return 'met';
    await opts.onLevel(level, index);
  }
  return 'exhausted';
}
