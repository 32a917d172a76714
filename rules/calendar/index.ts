export {
  addBusinessMinutes,
  businessMinutesBetween,
  CalendarClosedError,
  closeOfBusinessDay,
  isWithinBusinessHours,
  MAX_CLOSED_DAYS,
  MAX_HORIZON_DAYS,
  nextOpening,
} from './businessHours';
export { defaultCalendar } from './defaultCalendar';
export { easterSunday, frenchPublicHolidays } from './frenchHolidays';
