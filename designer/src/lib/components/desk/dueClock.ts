/** Where a promise stands at `now`: seconds left, or seconds overdue once breached. */
export type DueState =
  | { kind: 'none' }
  | { kind: 'running'; secondsLeft: number; soon: boolean }
  | { kind: 'breached'; secondsOver: number };

/** Within this many seconds of its due time a promise is shown as due soon. */
export const soonSeconds = 15 * 60;

export function dueState(dueAt: string | null | undefined, now: number): DueState {
  if (!dueAt) return { kind: 'none' };
  const ms = Date.parse(dueAt) - now;
  if (ms <= 0) return { kind: 'breached', secondsOver: Math.floor(-ms / 1000) };
  const secondsLeft = Math.ceil(ms / 1000);
  return { kind: 'running', secondsLeft, soon: secondsLeft <= soonSeconds };
}
