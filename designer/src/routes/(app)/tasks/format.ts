const priorityNames: Record<number, string> = {
  1: 'P1 urgent',
  2: 'P2 high',
  3: 'P3 normal',
  4: 'P4 low',
  5: 'P5 lowest',
};

export const priorityLabel = (p: number): string => priorityNames[p] ?? `P${p}`;

/** "in 47 h 59 min (Tue 24 Nov 14:30)" or "overdue by 5 min". */
export function dueLabel(dueAt: string | null, nowIso: string): string {
  if (!dueAt) return '—';
  const due = new Date(dueAt);
  const minutes = Math.round((due.getTime() - new Date(nowIso).getTime()) / 60_000);
  const abs = Math.abs(minutes);
  const span = abs >= 60 ? `${Math.floor(abs / 60)} h ${abs % 60} min` : `${abs} min`;
  const when = due.toLocaleString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  return minutes >= 0 ? `in ${span} (${when})` : `overdue by ${span} (${when})`;
}
