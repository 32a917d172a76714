import type { Lang } from '$rules/model/channel';

/** How close a due time is: past it, within the next half hour, or later. */
export type Urgency = 'overdue' | 'soon' | 'later' | 'none';

const soonMinutes = 30;

export function urgency(dueAt: string | null, nowIso: string): Urgency {
  if (!dueAt) return 'none';
  const minutes = (new Date(dueAt).getTime() - new Date(nowIso).getTime()) / 60_000;
  return minutes < 0 ? 'overdue' : minutes <= soonMinutes ? 'soon' : 'later';
}

/** When a task was opened (or is due), short: "Tue 24 Nov 14:30". */
export function openedLabel(openedAt: string, lang: Lang): string {
  return new Date(openedAt).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}
