import type { NestedCondition, TopLevelCondition } from 'json-rules-engine';
import { RulesError } from '../errors';
import { type Condition, type GroupCondition, isLeaf } from '../model/conditions';
import { childrenOf, type ConditionPath } from '../model/conditionTree';
import type { Rule } from '../model/ruleSet';
import { compileLeaf } from '../operators/compileLeaf';
import type { OperatorEnv, Predicate } from '../operators/operator';

/** The dynamic fact that turns a datetime fact into minutes before `receivedAt`. */
export const MINUTES_BEFORE_RECEIVED = '__minutesBeforeReceived';

export interface CompiledRule {
  rule: Rule;
  /** What json-rules-engine evaluates; null for disabled rules and rules that failed to compile. */
  conditions: TopLevelCondition | null;
  error: RulesError | null;
  /** The facts the conditions read: a rule with one of them missing does not fire. */
  facts: ReadonlySet<string>;
}

/**
 * Compiles a rule's conditions for json-rules-engine. Each leaf's value becomes the index of its
 * predicate in `predicates`, so the engine's operators call code prepared once here and the
 * engine's per-run cloning of conditions copies a number, not a regex or a word list.
 */
export function compileRule(rule: Rule, predicates: Predicate[], env: OperatorEnv): CompiledRule {
  const facts = new Set<string>();
  if (!rule.enabled) return { rule, conditions: null, error: null, facts };
  try {
    const conditions = compileCondition(rule.conditions, '', predicates, facts, env);
    return { rule, conditions: conditions as TopLevelCondition, error: null, facts };
  } catch (error) {
    return { rule, conditions: null, error: asRulesError(error), facts };
  }
}

function compileCondition(
  condition: Condition,
  path: ConditionPath,
  predicates: Predicate[],
  facts: Set<string>,
  env: OperatorEnv,
): NestedCondition {
  if (!isLeaf(condition)) return compileGroup(condition, path, predicates, facts, env);
  let compiled;
  try {
    compiled = compileLeaf(condition, env);
  } catch (error) {
    throw atPath(asRulesError(error), path);
  }
  facts.add(condition.fact);
  const index = predicates.push(compiled.predicate) - 1;
  if (compiled.operator.input === 'value') {
    return { fact: condition.fact, operator: condition.operator, value: index };
  }
  facts.add('receivedAt');
  return {
    fact: MINUTES_BEFORE_RECEIVED,
    params: { fact: condition.fact },
    operator: condition.operator,
    value: index,
  };
}

function compileGroup(
  group: GroupCondition,
  path: ConditionPath,
  predicates: Predicate[],
  facts: Set<string>,
  env: OperatorEnv,
): NestedCondition {
  const children = childrenOf(group, path).map((child) =>
    compileCondition(child.condition, child.path, predicates, facts, env),
  );
  if ('not' in group) return { not: children[0] as NestedCondition };
  return 'all' in group ? { all: children } : { any: children };
}

function asRulesError(error: unknown): RulesError {
  if (error instanceof RulesError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new RulesError('RULE_THREW', { fr: message, en: message });
}

function atPath(error: RulesError, path: ConditionPath): RulesError {
  const where = path || 'conditions';
  return new RulesError(error.code, {
    fr: `${where} : ${error.messages.fr}`,
    en: `${where}: ${error.messages.en}`,
  });
}
