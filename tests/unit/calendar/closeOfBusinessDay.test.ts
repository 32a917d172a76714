import { describe, expect, it } from 'vitest';
import { closeOfBusinessDay } from '../../../rules/calendar/businessHours';
import { defaultCalendar } from '../../../rules/calendar/defaultCalendar';
import type { Calendar } from '../../../rules/model/calendar';

const weekdaysOnly: Calendar = {
  id: 'weekdays',
  name: 'Mon–Fri',
  timezone: 'Europe/Paris',
  weekly: Object.fromEntries(
    (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => [
      d,
      [
        { start: '09:00', end: '12:00' },
        { start: '14:00', end: '18:00' },
      ],
    ]),
  ),
  holidays: ['2026-12-25'],
};

const paris = (iso: string) => new Date(`${iso}+01:00`);

describe('closeOfBusinessDay', () => {
  it('counts open days after the start date and ends at the last closing time', () => {
    // Monday 10:00 + 5 business days: Tue Wed Thu Fri Mon → Monday 18:00.
    expect(closeOfBusinessDay(weekdaysOnly, paris('2026-11-16T10:00:00'), 5)).toEqual(
      paris('2026-11-23T18:00:00'),
    );
  });

  it('does not count the start date even when it is closed, and skips holidays', () => {
    // Thursday 24 Dec + 2: Friday 25 is Christmas → Mon 28, Tue 29.
    expect(closeOfBusinessDay(weekdaysOnly, paris('2026-12-24T20:00:00'), 2)).toEqual(
      paris('2026-12-29T18:00:00'),
    );
    expect(closeOfBusinessDay(weekdaysOnly, paris('2026-11-21T11:00:00'), 1)).toEqual(
      paris('2026-11-23T18:00:00'),
    );
  });

  it('counts a Saturday morning as an open day when the calendar opens it', () => {
    // Default calendar: Sat 09:00–12:00. Friday + 1 → Saturday noon.
    expect(closeOfBusinessDay(defaultCalendar, paris('2026-11-20T10:00:00'), 1)).toEqual(
      paris('2026-11-21T12:00:00'),
    );
  });

  it('refuses a count that is not a whole positive number', () => {
    expect(() => closeOfBusinessDay(weekdaysOnly, paris('2026-11-16T10:00:00'), 0)).toThrow(
      RangeError,
    );
  });
});
