import { defaultCalendar } from '../../rules/calendar/defaultCalendar';
import type { Calendar } from '../../rules/model/calendar';
import type { CalendarStore } from '../store/calendars';

/** The calendars a rule may name: the stored ones, and the built-in default unless replaced. */
export async function knownCalendars(store: CalendarStore): Promise<Calendar[]> {
  const stored: Calendar[] = await store.col.find({}, { projection: { _id: 0 } }).toArray();
  return stored.some((c) => c.id === defaultCalendar.id) ? stored : [...stored, defaultCalendar];
}
