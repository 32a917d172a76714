import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:MM');

export const OpeningSlotSchema = z
  .object({ start: hhmm, end: hhmm })
  .refine((s) => s.start < s.end, { message: 'a slot must end after it starts' });

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Business-hours calendar: promises in business time are counted only inside these slots. */
export const CalendarSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  timezone: z.string().min(1),
  // A day left out is closed.
  weekly: z.partialRecord(z.enum(weekdays), z.array(OpeningSlotSchema)),
  /** Local dates (YYYY-MM-DD) on which the calendar is closed all day. */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
});
export type Calendar = z.infer<typeof CalendarSchema>;
