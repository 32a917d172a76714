import { RulesError } from '../errors';
import { findFact, type FactDefinition } from '../facts/catalogue';
import type { LeafCondition } from '../model/conditions';
import type { OperatorDefinition, OperatorEnv, Predicate } from './operator';
import { findOperator } from './registry';

export interface CompiledLeaf {
  fact: FactDefinition;
  operator: OperatorDefinition;
  predicate: Predicate;
}

/** Resolves a condition's fact and operator and compiles its value, or throws a coded RulesError. */
export function compileLeaf(leaf: LeafCondition, env: OperatorEnv): CompiledLeaf {
  const fact = findFact(leaf.fact);
  if (!fact) {
    throw new RulesError('UNKNOWN_FACT', {
      fr: `Donnée inconnue « ${leaf.fact} ».`,
      en: `Unknown fact "${leaf.fact}".`,
    });
  }
  const operator = findOperator(leaf.operator);
  if (!operator) {
    throw new RulesError('UNKNOWN_OPERATOR', {
      fr: `Opérateur inconnu « ${leaf.operator} ».`,
      en: `Unknown operator "${leaf.operator}".`,
    });
  }
  if (!operator.factTypes.includes(fact.type)) {
    throw new RulesError('OPERATOR_NOT_FOR_FACT', {
      fr: `L'opérateur « ${operator.labels.fr} » ne s'applique pas à « ${fact.labels.fr} ».`,
      en: `Operator "${operator.labels.en}" does not apply to "${fact.labels.en}".`,
    });
  }
  return { fact, operator, predicate: operator.compile(leaf.value, fact, env) };
}
