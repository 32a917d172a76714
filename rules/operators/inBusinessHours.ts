import { z } from 'zod';
import { isWithinBusinessHours } from '../calendar/businessHours';
import { RulesError } from '../errors';
import type { OperatorDefinition } from './operator';
import { parseValue } from './values';

/** The time falls inside the opening hours of the calendar named by the value. */
export const inBusinessHours: OperatorDefinition = {
  name: 'inBusinessHours',
  labels: { fr: 'est dans les heures ouvrées du calendrier', en: 'is within business hours of' },
  factTypes: ['datetime'],
  input: 'value',
  compile(value, fact, env) {
    const id = parseValue(z.string().min(1), value, fact, {
      fr: "l'identifiant d'un calendrier",
      en: 'a calendar id',
    });
    const calendar = env.calendars.get(id);
    if (!calendar) {
      throw new RulesError('UNKNOWN_CALENDAR', {
        fr: `Calendrier inconnu « ${id} ».`,
        en: `Unknown calendar "${id}".`,
      });
    }
    return (factValue) => {
      if (typeof factValue !== 'string') return false;
      const at = new Date(factValue);
      return !Number.isNaN(at.getTime()) && isWithinBusinessHours(calendar, at);
    };
  },
};
