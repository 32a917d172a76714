import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../../rules/calendar/defaultCalendar';
import { easterSunday, frenchPublicHolidays } from '../../../rules/calendar/frenchHolidays';
import { CalendarSchema } from '../../../rules/model/calendar';

describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'], // latest possible date
    [2285, '2285-03-22'], // earliest possible date
  ])('%i is %s', (year, expected) => {
    expect(easterSunday(year).toISODate()).toBe(expected);
  });

  it('rejects non-Gregorian years', () => {
    expect(() => easterSunday(1500)).toThrow(RangeError);
  });
});

describe('frenchPublicHolidays', () => {
  it('lists the 11 jours fériés of 2026 and 2027', () => {
    expect(frenchPublicHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-06', // Easter Monday
      '2026-05-01',
      '2026-05-08',
      '2026-05-14', // Ascension
      '2026-05-25', // Whit Monday
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
    expect(frenchPublicHolidays(2027)).toEqual([
      '2027-01-01',
      '2027-03-29',
      '2027-05-01',
      '2027-05-06',
      '2027-05-08',
      '2027-05-17',
      '2027-07-14',
      '2027-08-15',
      '2027-11-01',
      '2027-11-11',
      '2027-12-25',
    ]);
  });
});

describe('defaultCalendar', () => {
  it('is a valid calendar as the schema sees it', () => {
    expect(CalendarSchema.parse(defaultCalendar)).toEqual(defaultCalendar);
  });

  it('is Paris, Mon–Fri 09–18, Sat 09–12, closed Sunday, with 22 holidays', () => {
    expect(defaultCalendar.id).toBe('default');
    expect(defaultCalendar.timezone).toBe('Europe/Paris');
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) {
      expect(defaultCalendar.weekly[day]).toEqual([{ start: '09:00', end: '18:00' }]);
    }
    expect(defaultCalendar.weekly.sat).toEqual([{ start: '09:00', end: '12:00' }]);
    expect(defaultCalendar.weekly.sun).toEqual([]);
    expect(defaultCalendar.holidays).toHaveLength(22);
    expect(defaultCalendar.holidays).toContain('2026-12-25');
    expect(defaultCalendar.holidays).toContain('2027-03-29');
  });

  it('cannot be mutated by a caller', () => {
    expect(() => defaultCalendar.holidays.push('2026-06-08')).toThrow(TypeError);
    expect(() => defaultCalendar.weekly.mon!.push({ start: '19:00', end: '20:00' })).toThrow(
      TypeError,
    );
  });
});
