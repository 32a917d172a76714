import type { z } from 'zod';
import type { ConditionTraceSchema } from '../model/decision';
import { minutesBefore } from '../operators/durations';
import type { CompiledCondition } from './compileRule';

export type ConditionTrace = z.infer<typeof ConditionTraceSchema>;

/**
 * A compiled condition as a function of the facts: returns whether it holds and appends the trace
 * of every leaf it evaluated. The facts must hold every non-nullable fact the condition reads
 * (the caller checks that first); an absent nullable fact reads as null.
 */
export type ConditionTest = (
  facts: Readonly<Record<string, unknown>>,
  traces: ConditionTrace[],
) => boolean;

/**
 * Turns a compiled condition into nested closures, once per rule set, with json-rules-engine's
 * semantics (`all`/`any`/`not`, an empty group holds; a differential test holds us to it).
 * Running json-rules-engine itself per decision cost 30× more: it deep-clones every rule's
 * conditions and awaits a promise per condition on each run; walking the tree per decision
 * (switching on each node's kind) cost about twice these closures. Every leaf is evaluated, even
 * once the outcome is known, so that the explanation can show each condition with its result;
 * traces are appended in depth-first order.
 */
export function compileTest(condition: CompiledCondition): ConditionTest {
  switch (condition.kind) {
    case 'leaf':
      return leafTest(condition);
    case 'not': {
      const child = compileTest(condition.child);
      return (facts, traces) => !child(facts, traces);
    }
    case 'all':
    case 'any': {
      const children = condition.children.map(compileTest);
      if (children.length === 0) return () => true;
      if (children.length === 1) return children[0] as ConditionTest;
      if (condition.kind === 'all') {
        return (facts, traces) => {
          let all = true;
          for (let i = 0; i < children.length; i++) {
            if (!(children[i] as ConditionTest)(facts, traces)) all = false;
          }
          return all;
        };
      }
      return (facts, traces) => {
        let any = false;
        for (let i = 0; i < children.length; i++) {
          if ((children[i] as ConditionTest)(facts, traces)) any = true;
        }
        return any;
      };
    }
  }
}

function leafTest(leaf: Extract<CompiledCondition, { kind: 'leaf' }>): ConditionTest {
  const { path, fact, operator, value, predicate } = leaf;
  if (leaf.input === 'value') {
    return (facts, traces) => {
      const factValue = facts[fact] ?? null;
      const result = predicate(factValue);
      traces.push({ path, fact, operator, value, factValue, result });
      return result;
    };
  }
  return (facts, traces) => {
    const factValue = facts[fact] ?? null;
    const result = predicate(minutesBefore(factValue, facts.receivedAt));
    traces.push({ path, fact, operator, value, factValue, result });
    return result;
  };
}
