import type { Relaxation, SkillRequirement, WaitingItem } from '../contracts/routing';

export type RelaxationStep = WaitingItem['relaxed'][number];

const dueAt = (w: WaitingItem, afterSeconds: number): number =>
  new Date(w.item.waitingSince).getTime() + afterSeconds * 1000;

/** Each step with its wait, counted from when the item started waiting. */
const stepWaits = [
  { step: 'levels-lowered', wait: (r: Relaxation) => r.lowerLevelsAfterSeconds },
  { step: 'optional-dropped', wait: (r: Relaxation) => r.dropOptionalAfterSeconds },
] as const satisfies readonly { step: RelaxationStep; wait: (r: Relaxation) => number | null }[];

/**
 * When each step the item has not taken yet falls due, ms. Plain loops: the router runs this
 * for every waiting item in every workflow task.
 */
function pendingSteps(
  w: WaitingItem,
  relaxation: Relaxation,
): { step: RelaxationStep; at: number }[] {
  const pending: { step: RelaxationStep; at: number }[] = [];
  for (const { step, wait } of stepWaits) {
    const afterSeconds = wait(relaxation);
    if (afterSeconds !== null && !w.relaxed.includes(step))
      pending.push({ step, at: dueAt(w, afterSeconds) });
  }
  return pending;
}

/** Relaxation steps due at `now` that the item has not taken yet. */
export function dueRelaxations(
  w: WaitingItem,
  relaxation: Relaxation,
  now: Date,
): RelaxationStep[] {
  return pendingSteps(w, relaxation)
    .filter((s) => s.at <= now.getTime())
    .map((s) => s.step);
}

/** When the item's next relaxation step falls due; null when none is left. */
export function nextRelaxationAt(w: WaitingItem, relaxation: Relaxation): Date | null {
  const pending = pendingSteps(w, relaxation);
  return pending.length === 0 ? null : new Date(Math.min(...pending.map((s) => s.at)));
}

/** The skills still required once the item's relaxation steps are applied. */
export function relaxedRequirements(w: WaitingItem, relaxation: Relaxation): SkillRequirement[] {
  const dropOptional = w.relaxed.includes('optional-dropped');
  const lower = w.relaxed.includes('levels-lowered') ? relaxation.levelDrop : 0;
  return w.item.skills
    .filter((s) => !(dropOptional && s.optional))
    .map((s) => ({ ...s, minLevel: Math.max(1, s.minLevel - lower) }));
}
