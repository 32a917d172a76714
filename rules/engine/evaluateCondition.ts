import type { z } from 'zod';
import type { ConditionTraceSchema } from '../model/decision';
import { minutesBefore } from '../operators/durations';
import type { CompiledCondition } from './compileRule';

export type ConditionTrace = z.infer<typeof ConditionTraceSchema>;

/**
 * Evaluates a compiled condition with json-rules-engine's semantics (`all`/`any`/`not`, an empty
 * group holds; a differential test holds us to it). Running json-rules-engine itself per decision
 * cost 30× more: it deep-clones every rule's conditions and awaits a promise per condition on each
 * run. Every leaf is evaluated, even once the outcome is known, so that the explanation can show
 * each condition with its result; traces are appended in depth-first order.
 */
export function evaluateCondition(
  condition: CompiledCondition,
  facts: Readonly<Record<string, unknown>>,
  traces: ConditionTrace[],
): boolean {
  switch (condition.kind) {
    case 'leaf': {
      const factValue = facts[condition.fact];
      const input =
        condition.input === 'value' ? factValue : minutesBefore(factValue, facts.receivedAt);
      const result = condition.predicate(input);
      traces.push({
        path: condition.path,
        fact: condition.fact,
        operator: condition.operator,
        value: condition.value,
        factValue: factValue ?? null,
        result,
      });
      return result;
    }
    case 'not':
      return !evaluateCondition(condition.child, facts, traces);
    case 'all':
    case 'any': {
      let all = true;
      let any = condition.children.length === 0;
      for (const child of condition.children) {
        const result = evaluateCondition(child, facts, traces);
        all &&= result;
        any ||= result;
      }
      return condition.kind === 'all' ? all : any;
    }
  }
}
