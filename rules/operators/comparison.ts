import { z } from 'zod';
import type { FactType } from '../facts/catalogue';
import type { OperatorDefinition } from './operator';
import { describeExpected, parseValue, scalarSchema } from './values';

const scalarTypes: readonly FactType[] = [
  'enum',
  'string',
  'text',
  'number',
  'boolean',
  'duration',
];
const listTypes: readonly FactType[] = ['enum', 'string', 'number', 'duration'];
const numericTypes: readonly FactType[] = ['number', 'duration'];

const isNumber = (x: unknown): x is number => typeof x === 'number' && !Number.isNaN(x);

const equality = (name: string, fr: string, en: string, negate: boolean): OperatorDefinition => ({
  name,
  labels: { fr, en },
  factTypes: scalarTypes,
  input: 'value',
  compile(value, fact) {
    const expected = parseValue(scalarSchema(fact), value, fact, describeExpected(fact));
    return (factValue) => (factValue === expected) !== negate;
  },
});

const membership = (name: string, fr: string, en: string, negate: boolean): OperatorDefinition => ({
  name,
  labels: { fr, en },
  factTypes: listTypes,
  input: 'value',
  compile(value, fact) {
    const expected = describeExpected(fact);
    const list = parseValue(z.array(scalarSchema(fact)).min(1), value, fact, {
      fr: `une liste non vide de valeurs : ${expected.fr}`,
      en: `a non-empty list of ${expected.en}`,
    });
    const members = new Set<unknown>(list);
    // A null fact is in no list: "notIn" holds for it, "in" does not.
    return (factValue) => members.has(factValue) !== negate;
  },
});

const ordering = (
  name: string,
  fr: string,
  en: string,
  compare: (a: number, b: number) => boolean,
): OperatorDefinition => ({
  name,
  labels: { fr, en },
  factTypes: numericTypes,
  input: 'value',
  compile(value, fact) {
    const bound = parseValue(z.number(), value, fact, { fr: 'un nombre', en: 'a number' });
    return (factValue) => isNumber(factValue) && compare(factValue, bound);
  },
});

export const equal = equality('equal', 'est égal à', 'equals', false);
export const notEqual = equality('notEqual', 'est différent de', 'does not equal', true);
export const inList = membership('in', 'est parmi', 'is one of', false);
export const notInList = membership('notIn', "n'est pas parmi", 'is not one of', true);
export const lessThan = ordering('lessThan', 'est inférieur à', 'is less than', (a, b) => a < b);
export const lessThanInclusive = ordering(
  'lessThanInclusive',
  'est inférieur ou égal à',
  'is at most',
  (a, b) => a <= b,
);
export const greaterThan = ordering(
  'greaterThan',
  'est supérieur à',
  'is greater than',
  (a, b) => a > b,
);
export const greaterThanInclusive = ordering(
  'greaterThanInclusive',
  'est supérieur ou égal à',
  'is at least',
  (a, b) => a >= b,
);

/** Inclusive on both ends: `[min, max]`. */
export const between: OperatorDefinition = {
  name: 'between',
  labels: { fr: 'est entre', en: 'is between' },
  factTypes: numericTypes,
  input: 'value',
  compile(value, fact) {
    const [min, max] = parseValue(
      z.tuple([z.number(), z.number()]).refine(([lo, hi]) => lo <= hi),
      value,
      fact,
      { fr: 'deux nombres [min, max] avec min ≤ max', en: 'two numbers [min, max] with min ≤ max' },
    );
    return (factValue) => isNumber(factValue) && min <= factValue && factValue <= max;
  },
};
