import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../rules/calendar/defaultCalendar';
import { ReferenceCache } from '../../worker/activities/referenceCache';
import { freshDatabase } from '../support/relaisWorker';

const template = (text: string) => ({
  id: 'ack-default',
  name: 'Accusé de réception',
  variants: [{ channel: 'webform' as const, lang: 'fr' as const, text }],
});

describe('calendars and templates cached in the worker', () => {
  it('reads each once per couple of seconds, then sees what a manager saved', async () => {
    const { mongo, stores } = await freshDatabase();
    try {
      let now = 1_000_000;
      const cache = new ReferenceCache(stores, () => now);
      await stores.templates.save(template('Version 1'));
      await stores.calendars.save({ ...defaultCalendar, id: 'support', name: 'Support v1' });
      expect((await cache.template('ack-default'))?.variants[0]?.text).toBe('Version 1');
      expect((await cache.calendar('support')).name).toBe('Support v1');

      // A manager's edit lands in MongoDB: decisions within the next two seconds don't read it.
      await stores.templates.save(template('Version 2'));
      await stores.calendars.save({ ...defaultCalendar, id: 'support', name: 'Support v2' });
      now += 1_500;
      expect((await cache.template('ack-default'))?.variants[0]?.text).toBe('Version 1');
      expect((await cache.calendar('support')).name).toBe('Support v1');

      now += 1_000;
      expect((await cache.template('ack-default'))?.variants[0]?.text).toBe('Version 2');
      expect((await cache.calendar('support')).name).toBe('Support v2');
      // Unknown ids answer as the store does: no template, the built-in calendar.
      expect(await cache.template('missing')).toBeNull();
      expect(await cache.calendar('missing')).toEqual(defaultCalendar);
    } finally {
      await mongo.close();
    }
  });

  it('shares one read between the decisions that miss at once', async () => {
    const { mongo, stores } = await freshDatabase();
    try {
      await stores.templates.save(template('Version 1'));
      const cache = new ReferenceCache(stores);
      const burst = Array.from({ length: 20 }, () => cache.template('ack-default'));
      const first = await burst[0];
      for (const other of burst) expect(await other).toBe(first);
    } finally {
      await mongo.close();
    }
  });
});
