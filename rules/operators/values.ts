import { z } from 'zod';
import { RulesError } from '../errors';
import type { FactDefinition } from '../facts/catalogue';
import type { ConditionValue } from '../model/conditions';

/** A single value of the fact's type, including null when the fact can be null. */
export function scalarSchema(fact: FactDefinition): z.ZodType {
  const base = baseSchema(fact);
  return fact.nullable ? base.nullable() : base;
}

function baseSchema(fact: FactDefinition): z.ZodType {
  switch (fact.type) {
    case 'enum': {
      const [first, ...rest] = (fact.values ?? []).map((v) => v.value);
      return first === undefined ? z.never() : z.enum([first, ...rest]);
    }
    case 'string':
    case 'text':
    case 'datetime':
      return z.string();
    case 'number':
    case 'duration':
      return z.number();
    case 'boolean':
      return z.boolean();
  }
}

/** Parses a condition's value or throws INVALID_VALUE naming the fact and what was expected. */
export function parseValue<T>(
  schema: z.ZodType<T>,
  value: ConditionValue,
  fact: FactDefinition,
  expected: { fr: string; en: string },
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new RulesError('INVALID_VALUE', {
    fr: `Valeur ${JSON.stringify(value)} invalide pour « ${fact.labels.fr} » : ${expected.fr} attendu.`,
    en: `Invalid value ${JSON.stringify(value)} for "${fact.labels.en}": expected ${expected.en}.`,
  });
}

/** What `scalarSchema` accepts, in words, for error messages. */
export function describeExpected(fact: FactDefinition): { fr: string; en: string } {
  if (fact.type === 'enum') {
    const list = (fact.values ?? []).map((v) => v.value).join(', ');
    return { fr: `une de ces valeurs (${list})`, en: `one of ${list}` };
  }
  const kinds: Record<Exclude<FactDefinition['type'], 'enum'>, [string, string]> = {
    string: ['un texte', 'a string'],
    text: ['un texte', 'a string'],
    datetime: ['une date ISO', 'an ISO date'],
    number: ['un nombre', 'a number'],
    duration: ['un nombre de minutes', 'a number of minutes'],
    boolean: ['vrai ou faux', 'true or false'],
  };
  const [fr, en] = kinds[fact.type];
  return { fr, en };
}
