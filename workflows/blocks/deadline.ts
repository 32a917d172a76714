import { addBusinessMinutes } from '../../rules/calendar/businessHours';
import type { Calendar } from '../../rules/model/calendar';
import { minutesToMs } from '../lib/clock';

/** When a promise of `minutes` made at `from` falls due, in business time when asked. */
export function promiseDeadline(
  from: Date,
  minutes: number,
  businessHours: boolean,
  calendar: Calendar,
): Date {
  return businessHours
    ? addBusinessMinutes(calendar, from, minutes)
    : new Date(from.getTime() + minutesToMs(minutes));
}
