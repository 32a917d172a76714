import type { Collection, Db } from 'mongodb';
import { defaultCalendar } from '../../rules/calendar/defaultCalendar';
import { type Calendar, CalendarSchema } from '../../rules/model/calendar';
import { parseDocOrNull } from './parseDoc';

/** Stored under its id; reads parse it with CalendarSchema, which drops the `_id`. */
type CalendarDoc = Calendar & { _id: string };

/** Business-hours calendars; the built-in default answers when none is stored under an id. */
export class CalendarStore {
  readonly col: Collection<CalendarDoc>;

  constructor(db: Db) {
    this.col = db.collection<CalendarDoc>('calendars');
  }

  async get(id: string): Promise<Calendar> {
    const doc = await this.col.findOne({ _id: id });
    return parseDocOrNull(CalendarSchema, 'calendars', doc) ?? defaultCalendar;
  }

  /** The ids of the calendars managers have stored (the others are built in). */
  async storedIds(): Promise<Set<string>> {
    const docs = await this.col.find({}, { projection: { _id: 1 } }).toArray();
    return new Set(docs.map((d) => d._id));
  }

  async save(calendar: Calendar): Promise<void> {
    await this.col.replaceOne({ _id: calendar.id }, calendar, { upsert: true });
  }
}
