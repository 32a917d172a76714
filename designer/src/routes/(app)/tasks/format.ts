import type { Lang } from '$rules/model/channel';

/** How close a due time is: past it, within the next half hour, or later. */
export type Urgency = 'overdue' | 'soon' | 'later' | 'none';

const soonMinutes = 30;

export function urgency(dueAt: string | null, nowIso: string): Urgency {
  if (!dueAt) return 'none';
  const minutes = (new Date(dueAt).getTime() - new Date(nowIso).getTime()) / 60_000;
  return minutes < 0 ? 'overdue' : minutes <= soonMinutes ? 'soon' : 'later';
}

/** "in 47 h 59 min (Tue 24 Nov 14:30)" or "overdue by 5 min", in the UI language. */
export function dueLabel(dueAt: string | null, nowIso: string, lang: Lang): string {
  if (!dueAt) return '—';
  const due = new Date(dueAt);
  const minutes = Math.round((due.getTime() - new Date(nowIso).getTime()) / 60_000);
  const abs = Math.abs(minutes);
  const span = abs >= 60 ? `${Math.floor(abs / 60)} h ${abs % 60} min` : `${abs} min`;
  const when = due.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  if (lang === 'fr')
    return minutes >= 0 ? `dans ${span} (${when})` : `en retard de ${span} (${when})`;
  return minutes >= 0 ? `in ${span} (${when})` : `overdue by ${span} (${when})`;
}

/** When a task was opened, short: "Tue 24 Nov 14:30". */
export function openedLabel(openedAt: string, lang: Lang): string {
  return new Date(openedAt).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}
