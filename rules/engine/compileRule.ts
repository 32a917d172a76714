import { RulesError } from '../errors';
import { type Condition, isLeaf } from '../model/conditions';
import { childrenOf, type ConditionPath } from '../model/conditionTree';
import type { Rule } from '../model/ruleSet';
import { compileLeaf } from '../operators/compileLeaf';
import type { OperatorDefinition, OperatorEnv, Predicate } from '../operators/operator';

/** A condition tree with every leaf's operator resolved and its value prepared. */
export type CompiledCondition =
  | {
      kind: 'leaf';
      path: ConditionPath;
      fact: string;
      operator: string;
      value: unknown;
      input: OperatorDefinition['input'];
      predicate: Predicate;
    }
  | { kind: 'all' | 'any'; children: CompiledCondition[] }
  | { kind: 'not'; child: CompiledCondition };

export interface CompiledRule {
  rule: Rule;
  /** Null for disabled rules and rules that failed to compile. */
  condition: CompiledCondition | null;
  error: RulesError | null;
  /** The facts the conditions read: a rule with one of them missing does not fire. */
  facts: ReadonlySet<string>;
}

/** Compiles a rule once; a rule that cannot compile keeps its coded error instead. */
export function compileRule(rule: Rule, env: OperatorEnv): CompiledRule {
  const facts = new Set<string>();
  if (!rule.enabled) return { rule, condition: null, error: null, facts };
  try {
    return {
      rule,
      condition: compileCondition(rule.conditions, '', facts, env),
      error: null,
      facts,
    };
  } catch (error) {
    return { rule, condition: null, error: asRulesError(error), facts };
  }
}

function compileCondition(
  condition: Condition,
  path: ConditionPath,
  facts: Set<string>,
  env: OperatorEnv,
): CompiledCondition {
  if (isLeaf(condition)) {
    let compiled;
    try {
      compiled = compileLeaf(condition, env);
    } catch (error) {
      throw atPath(asRulesError(error), path);
    }
    facts.add(condition.fact);
    if (compiled.operator.input === 'minutesBeforeReceived') facts.add('receivedAt');
    return {
      kind: 'leaf',
      path,
      fact: condition.fact,
      operator: condition.operator,
      value: condition.value,
      input: compiled.operator.input,
      predicate: compiled.predicate,
    };
  }
  const children = childrenOf(condition, path).map((child) =>
    compileCondition(child.condition, child.path, facts, env),
  );
  if ('not' in condition) return { kind: 'not', child: children[0] as CompiledCondition };
  return { kind: 'all' in condition ? 'all' : 'any', children };
}

function asRulesError(error: unknown): RulesError {
  if (error instanceof RulesError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new RulesError('RULE_THREW', { fr: message, en: message });
}

function atPath(error: RulesError, path: ConditionPath): RulesError {
  return new RulesError(error.code, {
    fr: `${path} : ${error.messages.fr}`,
    en: `${path}: ${error.messages.en}`,
  });
}
