import { fail } from '@sveltejs/kit';
import { defaultCalendar } from '$rules/calendar/defaultCalendar';
import { CalendarSchema } from '$rules/model/calendar';
import { managerRoles, requireRole } from '$lib/server/auth';
import { jsonField } from '$lib/server/forms';
import { relais } from '$lib/server/relais';
import { knownCalendars } from '$lib/server/ruleSets';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(event, managerRoles);
  const { url } = event;
  const r = await relais();
  const calendars = await knownCalendars(r);
  const stored = await r.stores.calendars.storedIds();
  return {
    calendars: calendars.map((c) => ({ calendar: c, builtIn: !stored.has(c.id) })),
    selected: url.searchParams.get('id') ?? defaultCalendar.id,
    timezones: Intl.supportedValuesOf('timeZone'),
  };
};

export const actions: Actions = {
  save: async (event) => {
    requireRole(event, ['manager']);
    const parsed = jsonField(await event.request.formData(), 'calendar', CalendarSchema);
    if (!parsed.ok) return parsed.failure;
    if (!Intl.supportedValuesOf('timeZone').includes(parsed.data.timezone))
      return fail(400, { problems: [{ path: 'timezone', message: 'unknown time zone' }] });
    const { stores } = await relais();
    await stores.calendars.save(parsed.data);
    return { saved: parsed.data.id };
  },
};
