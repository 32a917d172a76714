import type { Lang } from '../model/channel';

/** "30 s", "1 min", "48 h", "7 jours" / "7 days": the unit a manager would use. */
export function minutesInWords(minutes: number, lang: Lang): string {
  const seconds = Math.round(minutes * 60);
  if (seconds % 60 !== 0)
    return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  if (minutes < 60 || minutes % 60 !== 0) return `${minutes} min`;
  if (minutes <= 72 * 60 || minutes % 1440 !== 0) return `${minutes / 60} h`;
  const days = minutes / 1440;
  return lang === 'fr' ? `${days} jour${days > 1 ? 's' : ''}` : `${days} day${days > 1 ? 's' : ''}`;
}
