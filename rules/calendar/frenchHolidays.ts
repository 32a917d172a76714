import { DateTime } from 'luxon';

/**
 * Easter Sunday (Gregorian) as a UTC-midnight DateTime, by the anonymous Gregorian algorithm
 * (Meeus/Jones/Butcher). Computed rather than listed so new years need no data change.
 */
export function easterSunday(year: number): DateTime {
  if (!Number.isInteger(year) || year < 1583) {
    throw new RangeError(`easterSunday needs a Gregorian year, got ${year}`);
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.utc(year, month, day);
}

/**
 * The 11 national public holidays (jours fériés) of metropolitan France for `year`, as sorted
 * YYYY-MM-DD local dates. Whit Monday is included: it is still a legal holiday even where firms
 * use it as the "journée de solidarité". Alsace-Moselle's extra days (Good Friday, 26 December)
 * are regional and left out.
 */
export function frenchPublicHolidays(year: number): string[] {
  const easter = easterSunday(year);
  const fromEaster = (days: number): string => easter.plus({ days }).toISODate() ?? '';
  const pad = (n: number): string => String(n).padStart(4, '0');
  const fixed = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'].map(
    (md) => `${pad(year)}-${md}`,
  );
  // Easter Monday, Ascension Thursday (+39), Whit Monday (+50).
  return [...fixed, fromEaster(1), fromEaster(39), fromEaster(50)].sort();
}
