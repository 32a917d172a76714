import { z } from 'zod';
import type { OperatorDefinition } from './operator';
import { parseValue } from './values';

const minutes = z.number().positive();
const expected = { fr: 'un nombre de minutes positif', en: 'a positive number of minutes' };
const isNumber = (x: unknown): x is number => typeof x === 'number' && !Number.isNaN(x);

/** The time was at most `value` minutes before the message was received (and not after it). */
export const withinLast: OperatorDefinition = {
  name: 'withinLast',
  labels: { fr: 'date de moins de (minutes)', en: 'is within the last (minutes)' },
  factTypes: ['datetime'],
  input: 'minutesBeforeReceived',
  compile(value, fact) {
    const limit = parseValue(minutes, value, fact, expected);
    return (age) => isNumber(age) && age >= 0 && age <= limit;
  },
};

/** The time was more than `value` minutes before the message was received. */
export const olderThan: OperatorDefinition = {
  name: 'olderThan',
  labels: { fr: 'date de plus de (minutes)', en: 'is older than (minutes)' },
  factTypes: ['datetime'],
  input: 'minutesBeforeReceived',
  compile(value, fact) {
    const limit = parseValue(minutes, value, fact, expected);
    return (age) => isNumber(age) && age > limit;
  },
};

/** Minutes from `at` to `receivedAt`; null when either is absent or not a date. */
export function minutesBefore(at: unknown, receivedAt: unknown): number | null {
  if (typeof at !== 'string' || typeof receivedAt !== 'string') return null;
  const diff = Date.parse(receivedAt) - Date.parse(at);
  return Number.isNaN(diff) ? null : diff / 60_000;
}
