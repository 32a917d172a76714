import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  CalendarClosedError,
  isWithinBusinessHours,
  nextOpening,
} from '../../../rules/calendar/businessHours';
import { defaultCalendar } from '../../../rules/calendar/defaultCalendar';
import { always, calendarOf, empty, lunch, night, nightShift, office } from './fixtures';

// Expected instants are written with explicit offsets so they do not depend on the code under test.
const at = (iso: string): Date => new Date(iso);
const iso = (d: Date): string => d.toISOString();
const add = (cal: Parameters<typeof addBusinessMinutes>[0], from: string, minutes: number) =>
  iso(addBusinessMinutes(cal, at(from), minutes));

describe('addBusinessMinutes', () => {
  it('Friday 17:00 + 24 business hours on Mon–Fri 09–18 lands on Wednesday 14:00', () => {
    // Fri 17–18 = 1 h, Mon = 9 h (10), Tue = 9 h (19), Wed 09:00 + 5 h.
    expect(add(office, '2026-06-05T17:00:00+02:00', 24 * 60)).toBe(
      iso(at('2026-06-10T14:00:00+02:00')),
    );
  });

  it('Friday 17:00 + 24 business hours on the default calendar counts Saturday morning', () => {
    // Fri 1 h, Sat 09–12 = 3 h (4), Mon 9 h (13), Tue 9 h (22), Wed 09:00 + 2 h.
    expect(add(defaultCalendar, '2026-06-05T17:00:00+02:00', 24 * 60)).toBe(
      iso(at('2026-06-10T11:00:00+02:00')),
    );
  });

  it('skips the weekend', () => {
    expect(add(office, '2026-06-05T17:30:00+02:00', 60)).toBe(iso(at('2026-06-08T09:30:00+02:00')));
    expect(add(defaultCalendar, '2026-06-05T17:30:00+02:00', 60)).toBe(
      iso(at('2026-06-06T09:30:00+02:00')),
    );
  });

  it('skips a holiday (Christmas 2026 is a Friday)', () => {
    const withXmas = calendarOf('xmas', [{ start: '09:00', end: '18:00' }], undefined, [
      '2026-12-25',
    ]);
    expect(add(withXmas, '2026-12-24T17:00:00+01:00', 120)).toBe(
      iso(at('2026-12-28T10:00:00+01:00')),
    );
    expect(add(defaultCalendar, '2026-12-24T17:00:00+01:00', 120)).toBe(
      iso(at('2026-12-26T10:00:00+01:00')),
    );
  });

  it('reads holidays as local dates, not UTC dates', () => {
    const cal = { ...always, holidays: ['2026-12-25'] };
    // Thu 23:30 Paris = 22:30Z: 30 min left on Thursday, Friday (Paris) closed, Sat 00:00 + 30.
    expect(add(cal, '2026-12-24T22:30:00Z', 60)).toBe('2026-12-25T23:30:00.000Z');
  });

  it('walks through a lunch break', () => {
    expect(add(lunch, '2026-06-08T11:00:00+02:00', 120)).toBe(iso(at('2026-06-08T15:00:00+02:00')));
    expect(add(lunch, '2026-06-08T12:30:00+02:00', 30)).toBe(iso(at('2026-06-08T14:30:00+02:00')));
  });

  it('stops on the closing instant when business time runs out exactly there', () => {
    expect(add(lunch, '2026-06-08T11:00:00+02:00', 60)).toBe(iso(at('2026-06-08T12:00:00+02:00')));
    expect(add(office, '2026-06-05T17:00:00+02:00', 60)).toBe(iso(at('2026-06-05T18:00:00+02:00')));
  });

  it('starts counting at the next opening when started outside hours', () => {
    // Before opening, after closing, on a holiday.
    expect(add(office, '2026-06-08T07:00:00+02:00', 30)).toBe(iso(at('2026-06-08T09:30:00+02:00')));
    expect(add(office, '2026-06-08T19:00:00+02:00', 30)).toBe(iso(at('2026-06-09T09:30:00+02:00')));
    const withXmas = { ...office, holidays: ['2026-12-25'] };
    expect(add(withXmas, '2026-12-25T10:00:00+01:00', 30)).toBe(
      iso(at('2026-12-28T09:30:00+01:00')),
    );
  });

  it('returns `from` unchanged for 0 minutes, open or closed', () => {
    expect(add(office, '2026-06-06T10:00:00+02:00', 0)).toBe(iso(at('2026-06-06T10:00:00+02:00')));
    expect(add(office, '2026-06-08T10:00:00+02:00', 0)).toBe(iso(at('2026-06-08T10:00:00+02:00')));
    expect(add(empty, '2026-06-08T10:00:00+02:00', 0)).toBe(iso(at('2026-06-08T10:00:00+02:00')));
  });

  it('keeps seconds and accepts fractional minutes', () => {
    expect(add(office, '2026-06-08T09:00:30+02:00', 1.5)).toBe(
      iso(at('2026-06-08T09:02:00+02:00')),
    );
  });

  it('continues through slots that touch at midnight', () => {
    expect(add(nightShift, '2026-06-08T23:00:00+02:00', 120)).toBe(
      iso(at('2026-06-09T01:00:00+02:00')),
    );
  });

  it('rejects negative, NaN and infinite minutes and invalid dates', () => {
    expect(() => addBusinessMinutes(office, at('2026-06-08T10:00:00Z'), -1)).toThrow(RangeError);
    expect(() => addBusinessMinutes(office, at('2026-06-08T10:00:00Z'), NaN)).toThrow(RangeError);
    expect(() => addBusinessMinutes(office, at('2026-06-08T10:00:00Z'), Infinity)).toThrow(
      RangeError,
    );
    expect(() => addBusinessMinutes(office, new Date(NaN), 10)).toThrow(/invalid Date/);
  });

  it('rejects an unknown time zone', () => {
    const bad = { ...office, timezone: 'Europe/Atlantis' };
    expect(() => addBusinessMinutes(bad, at('2026-06-08T10:00:00Z'), 10)).toThrow(
      /invalid IANA time zone/,
    );
  });

  it('refuses a result more than ten years away instead of spinning', () => {
    expect(() => addBusinessMinutes(always, at('2026-01-01T00:00:00Z'), 11 * 366 * 1440)).toThrow(
      /more than 3660 days/,
    );
  });
});

describe('Europe/Paris DST', () => {
  it('spring forward weekend (2026-03-29): Monday 10:00 is CEST', () => {
    expect(add(office, '2026-03-27T17:00:00+01:00', 120)).toBe('2026-03-30T08:00:00.000Z');
  });

  it('fall back weekend (2026-10-25): Monday 10:00 is CET', () => {
    expect(add(office, '2026-10-23T17:00:00+02:00', 120)).toBe('2026-10-26T09:00:00.000Z');
  });

  it('checks opening hours against the local wall clock on each side of the switch', () => {
    // 16:30Z is 17:30 on the Friday before (CET) but 18:30 on the Monday after (CEST).
    expect(isWithinBusinessHours(office, at('2026-03-27T16:30:00Z'))).toBe(true);
    expect(isWithinBusinessHours(office, at('2026-03-30T16:30:00Z'))).toBe(false);
    // 08:30Z is 10:30 CEST on the Friday before the fall back but 09:30 CET after it.
    expect(isWithinBusinessHours(office, at('2026-10-26T07:30:00Z'))).toBe(false);
    expect(nextOpening(office, at('2026-10-26T07:30:00Z'))).toEqual(at('2026-10-26T08:00:00Z'));
  });

  it('counts business minutes as elapsed time: the switch days last 23 h and 25 h', () => {
    const day = (from: string, to: string) => businessMinutesBetween(always, at(from), at(to));
    expect(day('2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00')).toBe(23 * 60);
    expect(day('2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00')).toBe(25 * 60);
    // 24 business hours from Saturday noon reach Sunday 13:00 on the wall clock.
    expect(add(always, '2026-03-28T12:00:00+01:00', 24 * 60)).toBe(
      iso(at('2026-03-29T13:00:00+02:00')),
    );
    expect(add(always, '2026-10-24T12:00:00+02:00', 24 * 60)).toBe(
      iso(at('2026-10-25T11:00:00+01:00')),
    );
  });

  it('a 01:00–04:00 slot lasts 2 h, 4 h and 3 h on the switch nights and a normal night', () => {
    const nightOf = (date: string, offset: string, nextOffset = offset) =>
      businessMinutesBetween(
        night,
        at(`${date}T00:00:00${offset}`),
        at(`${date}T12:00:00${nextOffset}`),
      );
    expect(nightOf('2026-03-29', '+01:00', '+02:00')).toBe(120);
    expect(nightOf('2026-10-25', '+02:00', '+01:00')).toBe(240);
    expect(nightOf('2026-06-07', '+02:00')).toBe(180);
    expect(add(night, '2026-03-29T01:00:00+01:00', 150)).toBe(iso(at('2026-03-30T01:30:00+02:00')));
  });
});

describe('businessMinutesBetween', () => {
  it('counts only open time', () => {
    // Waiting on the customer from Friday 17:00 to Monday 10:00: 1 h Friday + 1 h Monday.
    expect(
      businessMinutesBetween(
        office,
        at('2026-06-05T17:00:00+02:00'),
        at('2026-06-08T10:00:00+02:00'),
      ),
    ).toBe(120);
    expect(
      businessMinutesBetween(
        lunch,
        at('2026-06-08T11:00:00+02:00'),
        at('2026-06-08T15:00:00+02:00'),
      ),
    ).toBe(120);
    expect(
      businessMinutesBetween(
        defaultCalendar,
        at('2026-12-24T17:00:00+01:00'),
        at('2026-12-28T10:00:00+01:00'),
      ),
    ).toBe(60 + 180 + 60);
  });

  it('is 0 for an empty or reversed range and for a calendar that never opens', () => {
    const from = at('2026-06-08T10:00:00+02:00');
    const to = at('2026-06-08T11:00:00+02:00');
    expect(businessMinutesBetween(office, from, from)).toBe(0);
    expect(businessMinutesBetween(office, to, from)).toBe(0);
    expect(businessMinutesBetween(empty, from, at('2030-06-08T11:00:00+02:00'))).toBe(0);
  });

  it('returns fractional minutes for sub-minute spans', () => {
    expect(
      businessMinutesBetween(
        office,
        at('2026-06-08T09:00:00+02:00'),
        at('2026-06-08T09:00:30+02:00'),
      ),
    ).toBe(0.5);
  });
});

describe('nextOpening and isWithinBusinessHours', () => {
  it('treats slots as [start, end)', () => {
    expect(isWithinBusinessHours(office, at('2026-06-08T09:00:00+02:00'))).toBe(true);
    expect(isWithinBusinessHours(office, at('2026-06-08T17:59:59+02:00'))).toBe(true);
    expect(isWithinBusinessHours(office, at('2026-06-08T18:00:00+02:00'))).toBe(false);
    expect(isWithinBusinessHours(office, at('2026-06-08T08:59:59+02:00'))).toBe(false);
  });

  it('closes holidays and weekends', () => {
    expect(isWithinBusinessHours(defaultCalendar, at('2026-12-25T10:00:00+01:00'))).toBe(false);
    expect(isWithinBusinessHours(defaultCalendar, at('2026-06-06T10:00:00+02:00'))).toBe(true);
    expect(isWithinBusinessHours(defaultCalendar, at('2026-06-06T12:00:00+02:00'))).toBe(false);
    expect(isWithinBusinessHours(defaultCalendar, at('2026-06-07T10:00:00+02:00'))).toBe(false);
  });

  it('returns `at` itself when open, otherwise the next slot start', () => {
    const open = at('2026-06-08T10:00:00+02:00');
    expect(nextOpening(office, open)).toEqual(open);
    expect(nextOpening(office, at('2026-06-08T18:00:00+02:00'))).toEqual(
      at('2026-06-09T09:00:00+02:00'),
    );
    expect(nextOpening(office, at('2026-06-06T10:00:00+02:00'))).toEqual(
      at('2026-06-08T09:00:00+02:00'),
    );
    expect(nextOpening(lunch, at('2026-06-08T12:00:00+02:00'))).toEqual(
      at('2026-06-08T14:00:00+02:00'),
    );
    expect(nextOpening(nightShift, at('2026-06-09T00:00:00+02:00'))).toEqual(
      at('2026-06-09T00:00:00+02:00'),
    );
    // Easter Monday 2026 (6 April) is a holiday in the default calendar.
    expect(nextOpening(defaultCalendar, at('2026-04-04T12:00:00+02:00'))).toEqual(
      at('2026-04-07T09:00:00+02:00'),
    );
  });
});

describe('calendars that never open', () => {
  it('throw a clear error instead of looping', () => {
    const from = at('2026-06-08T10:00:00+02:00');
    expect(() => addBusinessMinutes(empty, from, 1)).toThrow(CalendarClosedError);
    expect(() => addBusinessMinutes(empty, from, 1)).toThrow(/"empty" has no opening slot/);
    expect(() => nextOpening(empty, from)).toThrow(CalendarClosedError);
    expect(isWithinBusinessHours(empty, from)).toBe(false);
  });

  it('throw when holidays close every day for years', () => {
    const allDays = (years: number[]) =>
      years.flatMap((year) =>
        Array.from({ length: 366 }, (_, i) => new Date(Date.UTC(year, 0, 1 + i)))
          .filter((d) => d.getUTCFullYear() === year)
          .map((d) => d.toISOString().slice(0, 10)),
      );
    const closed = { ...always, holidays: allDays([2026, 2027, 2028]) };
    expect(() => nextOpening(closed, at('2026-01-01T00:00:00Z'))).toThrow(CalendarClosedError);
    // A single closed year is a long closure, not a broken calendar.
    const closedYear = { ...office, holidays: allDays([2026]) };
    expect(nextOpening(closedYear, at('2026-01-01T00:00:00Z'))).toEqual(
      at('2027-01-01T09:00:00+01:00'),
    );
  });
});
