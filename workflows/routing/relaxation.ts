import type { Relaxation, SkillRequirement, WaitingItem } from '../contracts/routing';

export type RelaxationStep = WaitingItem['relaxed'][number];

/** Each step with its wait, counted from when the item started waiting. */
function steps(relaxation: Relaxation): { step: RelaxationStep; afterSeconds: number }[] {
  const all: { step: RelaxationStep; afterSeconds: number | null }[] = [
    { step: 'levels-lowered', afterSeconds: relaxation.lowerLevelsAfterSeconds },
    { step: 'optional-dropped', afterSeconds: relaxation.dropOptionalAfterSeconds },
  ];
  return all.flatMap((s) =>
    s.afterSeconds === null ? [] : [{ ...s, afterSeconds: s.afterSeconds }],
  );
}

const dueAt = (w: WaitingItem, afterSeconds: number): number =>
  new Date(w.item.waitingSince).getTime() + afterSeconds * 1000;

/** Relaxation steps due at `now` that the item has not taken yet. */
export function dueRelaxations(
  w: WaitingItem,
  relaxation: Relaxation,
  now: Date,
): RelaxationStep[] {
  return steps(relaxation)
    .filter((s) => !w.relaxed.includes(s.step) && dueAt(w, s.afterSeconds) <= now.getTime())
    .map((s) => s.step);
}

/** When the item's next relaxation step falls due; null when none is left. */
export function nextRelaxationAt(w: WaitingItem, relaxation: Relaxation): Date | null {
  const pending = steps(relaxation)
    .filter((s) => !w.relaxed.includes(s.step))
    .map((s) => dueAt(w, s.afterSeconds));
  return pending.length === 0 ? null : new Date(Math.min(...pending));
}

/** The skills still required once the item's relaxation steps are applied. */
export function relaxedRequirements(w: WaitingItem, relaxation: Relaxation): SkillRequirement[] {
  const dropOptional = w.relaxed.includes('optional-dropped');
  const lower = w.relaxed.includes('levels-lowered') ? relaxation.levelDrop : 0;
  return w.item.skills
    .filter((s) => !(dropOptional && s.optional))
    .map((s) => ({ ...s, minLevel: Math.max(1, s.minLevel - lower) }));
}
