import { Engine } from 'json-rules-engine';
import { operators } from '../operators/registry';
import { minutesBefore } from '../operators/durations';
import type { Predicate } from '../operators/operator';
import { type CompiledRule, MINUTES_BEFORE_RECEIVED } from './compileRule';

/** One json-rules-engine Engine running `rules`, whose leaf values index into `predicates`. */
export function buildEngine(
  rules: readonly { index: number; compiled: CompiledRule }[],
  predicates: readonly Predicate[],
): Engine {
  // Missing facts are detected before the run; here they just read as undefined.
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const op of operators) {
    engine.addOperator<unknown, number>(op.name, (factValue, index) =>
      (predicates[index] as Predicate)(factValue),
    );
  }
  engine.addFact(MINUTES_BEFORE_RECEIVED, async (params, almanac) =>
    minutesBefore(
      await almanac.factValue(params.fact as string),
      await almanac.factValue('receivedAt'),
    ),
  );
  for (const { index, compiled } of rules) {
    if (compiled.conditions) {
      engine.addRule({
        // The rule's position names it: ids need not be unique in a draft.
        name: String(index),
        conditions: compiled.conditions,
        event: { type: 'fired' },
      });
    }
  }
  return engine;
}
