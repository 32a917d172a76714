import { DateTime } from 'luxon';
import type { Lang } from '../../rules/model/channel';

/** "48 h" / "48 hours", "2 min" / "2 minutes", "3 jours" / "3 days". */
export function durationInWords(minutes: number, lang: Lang): string {
  const seconds = Math.round(minutes * 60);
  // A sub-minute or odd-second promise (a live chat) is said in seconds.
  if (minutes < 60 && seconds % 60 !== 0)
    return lang === 'fr' ? `${seconds} secondes` : plural(seconds, 'second');
  if (minutes < 60) return lang === 'fr' ? `${minutes} min` : plural(minutes, 'minute');
  if (minutes % 60 !== 0 || minutes <= 72 * 60) {
    const hours = Math.round((minutes / 60) * 10) / 10;
    return lang === 'fr' ? `${hours} h` : plural(hours, 'hour');
  }
  const days = Math.round(minutes / 1440);
  return lang === 'fr' ? `${days} jours` : plural(days, 'day');
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** The due time as the customer reads it, in their timezone and language. */
export function dueInWords(due: Date, timezone: string, lang: Lang): string {
  const dt = DateTime.fromJSDate(due, { zone: timezone }).setLocale(
    lang === 'fr' ? 'fr-FR' : 'en-GB',
  );
  return lang === 'fr'
    ? dt.toFormat("cccc d LLLL 'à' HH'h'mm")
    : dt.toFormat("cccc d LLLL 'at' HH:mm");
}

export interface AckContext {
  name: string;
  lang: Lang;
  timezone: string;
  firstResponseMinutes: number;
  businessHours: boolean;
  dueAt: Date;
  caseRef: string;
}

/**
 * The acknowledgement with the promise in words. Business-hours promises state the date only,
 * because "24 h" would mislead when a weekend lies in between.
 */
export function renderAcknowledgement(ctx: AckContext): string {
  const hello = ctx.name ? ` ${ctx.name}` : '';
  const promise = promiseInWords(ctx);
  if (ctx.lang === 'fr')
    return `Bonjour${hello}, nous avons bien reçu votre demande. ${promise}. Référence : ${ctx.caseRef}.`;
  return `Hello${hello}, we have received your request. ${promise}. Reference: ${ctx.caseRef}.`;
}

/** "Nous revenons vers vous sous 48 h (au plus tard le …)": the promise as acknowledgements say it. */
export function promiseInWords(
  ctx: Pick<AckContext, 'lang' | 'timezone' | 'firstResponseMinutes' | 'businessHours' | 'dueAt'>,
): string {
  const due = dueInWords(ctx.dueAt, ctx.timezone, ctx.lang);
  if (ctx.lang === 'fr')
    return ctx.businessHours
      ? `Nous revenons vers vous au plus tard le ${due}`
      : `Nous revenons vers vous sous ${durationInWords(ctx.firstResponseMinutes, 'fr')} (au plus tard le ${due})`;
  return ctx.businessHours
    ? `We'll get back to you by ${due} at the latest`
    : `We'll get back to you within ${durationInWords(ctx.firstResponseMinutes, 'en')} (by ${due})`;
}

/**
 * A manager's template with its placeholders filled: {name}, {promise} (the duration in words),
 * {due} (the date and time in the customer's timezone) and {ref}. Unknown placeholders stay.
 */
export function fillTemplate(text: string, ctx: AckContext): string {
  const values: Record<string, string> = {
    name: ctx.name,
    promise: durationInWords(ctx.firstResponseMinutes, ctx.lang),
    due: dueInWords(ctx.dueAt, ctx.timezone, ctx.lang),
    ref: ctx.caseRef,
  };
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** Short human reference shown to customers and agents. */
export const caseRef = (caseId: string): string => caseId.slice(0, 8).toUpperCase();
