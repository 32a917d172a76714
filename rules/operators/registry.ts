import type { FactDefinition } from '../facts/catalogue';
import {
  between,
  equal,
  greaterThan,
  greaterThanInclusive,
  inList,
  lessThan,
  lessThanInclusive,
  notEqual,
  notInList,
} from './comparison';
import { containsAnyWord } from './containsAnyWord';
import { olderThan, withinLast } from './durations';
import { inBusinessHours } from './inBusinessHours';
import { matchesPattern } from './matchesPattern';
import type { OperatorDefinition } from './operator';

/** Every operator a condition may use, in the order the designer lists them. */
export const operators: readonly OperatorDefinition[] = [
  equal,
  notEqual,
  inList,
  notInList,
  lessThan,
  lessThanInclusive,
  greaterThan,
  greaterThanInclusive,
  between,
  containsAnyWord,
  matchesPattern,
  withinLast,
  olderThan,
  inBusinessHours,
];

const byName = new Map(operators.map((op) => [op.name, op]));

export function findOperator(name: string): OperatorDefinition | undefined {
  return byName.get(name);
}

/** The operators the designer should offer for a fact. */
export function operatorsFor(fact: FactDefinition): OperatorDefinition[] {
  return operators.filter((op) => op.factTypes.includes(fact.type));
}
