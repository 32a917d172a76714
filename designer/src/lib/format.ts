import type { Lang } from '../../../rules/model/channel';

/** "12 mars 2026, 14:05" / "12 Mar 2026, 14:05". */
export function formatDate(date: Date | string, lang: Lang): string {
  return new Date(date).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "14:05:30": a moment within the next minutes, to the second. */
export function formatTime(date: Date | string, lang: Lang): string {
  return new Date(date).toLocaleTimeString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** Minutes in the unit a manager would type them in. */
export type DurationUnit = 'seconds' | 'minutes' | 'hours' | 'days';

export function splitMinutes(minutes: number): { amount: number; unit: DurationUnit } {
  const seconds = Math.round(minutes * 60);
  if (seconds % 60 !== 0) return { amount: seconds, unit: 'seconds' };
  if (minutes > 0 && minutes % 1440 === 0 && minutes >= 2880)
    return { amount: minutes / 1440, unit: 'days' };
  if (minutes > 0 && minutes % 60 === 0) return { amount: minutes / 60, unit: 'hours' };
  return { amount: minutes, unit: 'minutes' };
}

export const unitMinutes: Record<DurationUnit, number> = {
  seconds: 1 / 60,
  minutes: 1,
  hours: 60,
  days: 1440,
};
