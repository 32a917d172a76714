import { DateTime } from 'luxon';

/**
 * What a customer said about being called back: true / "asap" (now), "after 18:00" or "18:00"
 * (the next such time in their timezone), or an ISO date-time. False or absent: no callback.
 */
export function parseCallbackRequest(
  value: boolean | string | undefined,
  receivedAt: Date,
  timezone: string,
): { requested: boolean; at: string | null } {
  if (value === undefined || value === false) return { requested: false, at: null };
  if (value === true || /^\s*(asap|now|dès que possible)\s*$/i.test(value))
    return { requested: true, at: null };
  const iso = DateTime.fromISO(value.trim());
  if (iso.isValid) return { requested: true, at: iso.toUTC().toISO() };
  const time = /^\s*(?:after|apr[eè]s|at|à)?\s*(\d{1,2})[:h](\d{2})?\s*$/i.exec(value);
  if (time) {
    const local = DateTime.fromJSDate(receivedAt, { zone: timezone });
    let at = local.set({
      hour: Number(time[1]),
      minute: Number(time[2] ?? 0),
      second: 0,
      millisecond: 0,
    });
    if (at <= local) at = at.plus({ days: 1 });
    return { requested: true, at: at.toUTC().toISO() };
  }
  // A wish we cannot read still asks for a call: as soon as possible, agents see the text.
  return { requested: true, at: null };
}
