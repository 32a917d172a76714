import type { z } from 'zod';
import { type Condition, isLeaf } from '../model/conditions';
import { childrenOf, type ConditionPath } from '../model/conditionTree';
import type { ConditionTraceSchema } from '../model/decision';

type ConditionTrace = z.infer<typeof ConditionTraceSchema>;

/** The shape json-rules-engine gives back for evaluated conditions (a clone of what it ran). */
export interface ResultNode {
  all?: ResultNode[];
  any?: ResultNode[];
  not?: ResultNode;
  result?: boolean;
}

/**
 * One trace per leaf: walks the rule's own conditions beside the engine's result tree, which has
 * the same shape, so each result is reported with the rule's value and the actual fact value.
 */
export function traceConditions(
  condition: Condition,
  result: ResultNode | undefined,
  facts: Readonly<Record<string, unknown>>,
  path: ConditionPath = '',
): ConditionTrace[] {
  if (isLeaf(condition)) {
    return [
      {
        path,
        fact: condition.fact,
        operator: condition.operator,
        value: condition.value,
        factValue: facts[condition.fact] ?? null,
        result: result?.result === true,
      },
    ];
  }
  const results: (ResultNode | undefined)[] =
    'not' in condition ? [result?.not] : (('all' in condition ? result?.all : result?.any) ?? []);
  return childrenOf(condition, path).flatMap((child, i) =>
    traceConditions(child.condition, results[i], facts, child.path),
  );
}
