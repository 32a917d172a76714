import type { Calendar } from '../model/calendar';
import { frenchPublicHolidays } from './frenchHolidays';

const weekday = [{ start: '09:00', end: '18:00' }];

/**
 * Fallback calendar for promises made in business time when a flow names no calendar of its own:
 * a French contact centre, Mon–Fri 09:00–18:00 and Saturday morning, closed on the national
 * public holidays of 2026 and 2027. Frozen because it is shared by every caller.
 */
export const defaultCalendar: Calendar = deepFreeze({
  id: 'default',
  name: 'Default (France, Mon–Fri 09:00–18:00, Sat 09:00–12:00)',
  timezone: 'Europe/Paris',
  weekly: {
    mon: weekday,
    tue: weekday,
    wed: weekday,
    thu: weekday,
    fri: weekday,
    sat: [{ start: '09:00', end: '12:00' }],
    sun: [],
  },
  holidays: [...frenchPublicHolidays(2026), ...frenchPublicHolidays(2027)],
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
