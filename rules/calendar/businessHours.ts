/**
 * Business-time arithmetic over a {@link Calendar}.
 *
 * Runs inside Temporal workflow code, so everything here is deterministic: no clock reads, no
 * randomness, no Node built-ins; every instant comes in as a parameter. All time-zone and DST
 * maths is delegated to luxon.
 *
 * Semantics shared by every function:
 * - A slot `{ start, end }` opens at `start` and closes at `end` local time, as the half-open
 *   interval [start, end): 09:00 is open, 18:00 is closed. `end: '24:00'` means next midnight.
 * - A business minute is a minute of real elapsed time inside an open interval, not a minute of
 *   wall clock. So a 01:00–04:00 slot lasts 2 h on the spring-forward night and 4 h on the
 *   fall-back night in Europe/Paris. Wall-clock times that do not exist (the skipped hour) are
 *   moved forward and ambiguous ones (the repeated hour) take luxon's resolution.
 * - Holidays are local dates in the calendar's time zone and close the whole date.
 */
import { DateTime } from 'luxon';
import { weekdays, type Calendar } from '../model/calendar';

const MS_PER_MINUTE = 60_000;

/**
 * A calendar with no opening for this many consecutive local dates is treated as never open.
 * Two years covers any realistic closure (a year of holidays, a seasonal site) while still
 * turning a misconfigured empty calendar into an error instead of an endless loop.
 */
export const MAX_CLOSED_DAYS = 2 * 366;

/**
 * addBusinessMinutes refuses to scan past this many local dates. Nothing in customer contact is
 * promised ten years out; the cap keeps a workflow task from spinning on an absurd duration.
 */
export const MAX_HORIZON_DAYS = 10 * 366;

/** Thrown when the calendar has no business time where some is required. */
export class CalendarClosedError extends Error {
  override readonly name = 'CalendarClosedError';
}

interface Interval {
  readonly start: number;
  readonly end: number;
}

/** A local calendar date; kept as a UTC DateTime so stepping by days never meets a DST gap. */
type CivilDate = DateTime;

interface Prepared {
  readonly calendar: Calendar;
  readonly holidays: ReadonlySet<string>;
}

function prepare(calendar: Calendar): Prepared {
  if (!DateTime.fromMillis(0, { zone: calendar.timezone }).isValid) {
    throw new RangeError(
      `Calendar "${calendar.id}" has an invalid IANA time zone "${calendar.timezone}"`,
    );
  }
  return { calendar, holidays: new Set(calendar.holidays ?? []) };
}

function toMillis(at: Date, label: string): number {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${label} is an invalid Date`);
  return ms;
}

function parseHHMM(calendar: Calendar, value: string): { hour: number; minute: number } {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (!match || minute > 59 || hour > 24 || (hour === 24 && minute !== 0)) {
    throw new RangeError(`Calendar "${calendar.id}" has an invalid slot time "${value}"`);
  }
  return { hour, minute };
}

function civilDateOf(ms: number, zone: string): CivilDate {
  const local = DateTime.fromMillis(ms, { zone });
  return DateTime.utc(local.year, local.month, local.day);
}

/** The instant at which the wall clock of `zone` reads `time` on `date` ('24:00' = next 00:00). */
function localInstant(date: CivilDate, hour: number, minute: number, zone: string): number {
  const day = hour === 24 ? date.plus({ days: 1 }) : date;
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: hour % 24, minute },
    { zone },
  ).toMillis();
}

/** Open intervals of one local date, sorted and with overlapping or touching slots merged. */
function intervalsOn(p: Prepared, date: CivilDate): Interval[] {
  const { calendar } = p;
  if (p.holidays.has(date.toISODate() ?? '')) return [];
  const slots = calendar.weekly[weekdays[date.weekday - 1]!] ?? [];
  const raw: Interval[] = [];
  for (const slot of slots) {
    const s = parseHHMM(calendar, slot.start);
    const e = parseHHMM(calendar, slot.end);
    const start = localInstant(date, s.hour, s.minute, calendar.timezone);
    const end = localInstant(date, e.hour, e.minute, calendar.timezone);
    // A slot lying wholly inside the skipped spring-forward hour collapses to nothing.
    if (end > start) raw.push({ start, end });
  }
  raw.sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const iv of raw) {
    const last = merged[merged.length - 1];
    if (last && iv.start <= last.end) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, iv.end) };
    } else {
      merged.push(iv);
    }
  }
  return merged;
}

interface ScanOptions {
  /** Stop quietly once local dates start at or after this instant (no error, no more output). */
  readonly untilMs?: number;
  /** Throw once this many local dates have been scanned. */
  readonly horizonDays?: number;
}

/**
 * Open intervals ending after `fromMs`, in order, one local date at a time. Slots touching across
 * midnight stay separate intervals: merging them would never terminate on a 24/7 calendar, and
 * every caller treats touching intervals as continuous anyway.
 * Without `untilMs` it is unbounded in principle, so it throws after MAX_CLOSED_DAYS empty dates.
 */
function* openIntervals(p: Prepared, fromMs: number, opts: ScanOptions = {}): Generator<Interval> {
  const zone = p.calendar.timezone;
  let date = civilDateOf(fromMs, zone);
  let closedDays = 0;
  for (let scanned = 0; ; scanned++) {
    if (opts.untilMs !== undefined && localInstant(date, 0, 0, zone) >= opts.untilMs) return;
    if (opts.horizonDays !== undefined && scanned >= opts.horizonDays) {
      throw new RangeError(
        `Calendar "${p.calendar.id}": result lies more than ${opts.horizonDays} days after ` +
          `${new Date(fromMs).toISOString()}`,
      );
    }
    const today = intervalsOn(p, date).filter((iv) => iv.end > fromMs);
    closedDays = today.length === 0 ? closedDays + 1 : 0;
    if (closedDays > MAX_CLOSED_DAYS && opts.untilMs === undefined) {
      throw new CalendarClosedError(
        `Calendar "${p.calendar.id}" has no opening slot within ${MAX_CLOSED_DAYS} days after ` +
          `${new Date(fromMs).toISOString()}: check its weekly slots and holidays`,
      );
    }
    yield* today;
    date = date.plus({ days: 1 });
  }
}

/** True when `at` falls inside an opening slot; slot ends and holidays are closed. */
export function isWithinBusinessHours(calendar: Calendar, at: Date): boolean {
  const p = prepare(calendar);
  const ms = toMillis(at, 'at');
  return intervalsOn(p, civilDateOf(ms, calendar.timezone)).some(
    (iv) => iv.start <= ms && ms < iv.end,
  );
}

/**
 * The earliest instant at or after `at` when the calendar is open: `at` itself when already open.
 * Throws CalendarClosedError when nothing opens within MAX_CLOSED_DAYS.
 */
export function nextOpening(calendar: Calendar, at: Date): Date {
  const p = prepare(calendar);
  const ms = toMillis(at, 'at');
  for (const iv of openIntervals(p, ms)) return new Date(Math.max(iv.start, ms));
  // openIntervals only ends when given untilMs; keep the compiler and readers sure of that.
  throw new CalendarClosedError(`Calendar "${calendar.id}" never opens`);
}

/**
 * The instant after `minutes` business minutes counted from `from`.
 *
 * - Starting while closed, counting begins at the next opening.
 * - A result that lands exactly on a closing time stays there (Friday 18:00), rather than jumping
 *   to the next opening: the promise is due the moment business time runs out.
 * - `minutes = 0` returns `from` unchanged, even while closed: a zero-length promise is due now.
 * - Fractional minutes are allowed (rounded to the millisecond); negative or non-finite throw.
 */
export function addBusinessMinutes(calendar: Calendar, from: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`minutes must be a finite number >= 0, got ${minutes}`);
  }
  const p = prepare(calendar);
  const fromMs = toMillis(from, 'from');
  let remaining = Math.round(minutes * MS_PER_MINUTE);
  if (remaining === 0) return new Date(fromMs);
  for (const iv of openIntervals(p, fromMs, { horizonDays: MAX_HORIZON_DAYS })) {
    const start = Math.max(iv.start, fromMs);
    const available = iv.end - start;
    if (remaining <= available) return new Date(start + remaining);
    remaining -= available;
  }
  throw new CalendarClosedError(`Calendar "${calendar.id}" never opens`);
}

/**
 * Business minutes elapsed between `from` and `to` (open time inside [from, to)), e.g. to push a
 * promise back by the time spent waiting on the customer. Returns 0 when `to <= from`, so a
 * clock hiccup can never shorten a deadline, and 0 for a calendar that never opens.
 * Exact inverse of addBusinessMinutes for whole milliseconds:
 * `businessMinutesBetween(c, f, addBusinessMinutes(c, f, m)) === m`.
 */
export function businessMinutesBetween(calendar: Calendar, from: Date, to: Date): number {
  const p = prepare(calendar);
  const fromMs = toMillis(from, 'from');
  const toMs = toMillis(to, 'to');
  if (toMs <= fromMs) return 0;
  let total = 0;
  for (const iv of openIntervals(p, fromMs, { untilMs: toMs })) {
    if (iv.start >= toMs) break;
    total += Math.min(iv.end, toMs) - Math.max(iv.start, fromMs);
  }
  // Summing whole milliseconds and dividing once keeps whole-minute results exact.
  return total / MS_PER_MINUTE;
}

/**
 * The close of the `days`-th open local date after the date of `from`: "a written answer within
 * 5 business days" sent on a Monday is due at closing time the following Monday (with Mon–Fri
 * hours). The date of `from` never counts, open or not.
 */
export function closeOfBusinessDay(calendar: Calendar, from: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 1) {
    throw new RangeError(`days must be a whole number >= 1, got ${days}`);
  }
  const p = prepare(calendar);
  const fromMs = toMillis(from, 'from');
  const zone = calendar.timezone;
  const startDate = civilDateOf(fromMs, zone).toISODate();
  let counted = 0;
  let current: string | null = null;
  let lastEnd = 0;
  for (const iv of openIntervals(p, fromMs, { horizonDays: MAX_HORIZON_DAYS })) {
    const date = civilDateOf(iv.start, zone).toISODate();
    if (date === startDate) continue;
    if (date !== current) {
      if (counted === days) return new Date(lastEnd);
      current = date;
      counted += 1;
    }
    lastEnd = iv.end;
  }
  throw new CalendarClosedError(`Calendar "${calendar.id}" never opens`);
}
