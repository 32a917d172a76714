import type { Calendar } from '../../../rules/model/calendar';

type Slot = { start: string; end: string };

/** A calendar with the same slots on the given days (others closed), in Europe/Paris. */
export function calendarOf(
  id: string,
  slots: Slot[],
  days: (keyof Calendar['weekly'])[] = ['mon', 'tue', 'wed', 'thu', 'fri'],
  holidays: string[] = [],
): Calendar {
  const weekly: Calendar['weekly'] = {
    mon: [],
    tue: [],
    wed: [],
    thu: [],
    fri: [],
    sat: [],
    sun: [],
  };
  for (const day of days) weekly[day] = slots;
  return { id, name: id, timezone: 'Europe/Paris', weekly, holidays };
}

const everyDay: (keyof Calendar['weekly'])[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Mon–Fri 09:00–18:00, no holidays. */
export const office = calendarOf('office', [{ start: '09:00', end: '18:00' }]);
/** Mon–Fri with a lunch break. */
export const lunch = calendarOf('lunch', [
  { start: '09:00', end: '12:00' },
  { start: '14:00', end: '18:00' },
]);
/** Open around the clock: every business minute is a real minute. */
export const always = calendarOf('always', [{ start: '00:00', end: '24:00' }], everyDay);
/** 01:00–04:00 every night: straddles both Paris DST switches (02:00 and 03:00). */
export const night = calendarOf('night', [{ start: '01:00', end: '04:00' }], everyDay);
/** 22:00–06:00 written as two slots that touch at midnight. */
export const nightShift = calendarOf(
  'night-shift',
  [
    { start: '22:00', end: '24:00' },
    { start: '00:00', end: '06:00' },
  ],
  everyDay,
);
/** Valid by schema, but never open. */
export const empty = calendarOf('empty', [], []);
