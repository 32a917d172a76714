import fc from 'fast-check';
import { Engine, type NestedCondition, type TopLevelCondition } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../../../rules/engine/compileRuleSet';
import {
  type Condition,
  type GroupCondition,
  isLeaf,
  type LeafCondition,
} from '../../../rules/model/conditions';
import { compileLeaf } from '../../../rules/operators/compileLeaf';
import { makeFacts, makeRule, makeRuleSet } from './fixtures';

/**
 * Our evaluator replaced json-rules-engine at run time (see rules/engine/evaluateCondition.ts);
 * this keeps it honest: on random nested conditions, the rules that fire are exactly those
 * json-rules-engine fires, with our operators plugged into it.
 */
const env = { calendars: new Map() };

const leafArb: fc.Arbitrary<LeafCondition> = fc.oneof(
  fc
    .constantFrom('chat', 'email', 'phone')
    .map((value) => ({ fact: 'channel', operator: 'equal', value })),
  fc
    .subarray(['chat', 'email', 'phone'], { minLength: 1 })
    .map((value) => ({ fact: 'channel', operator: 'in', value })),
  fc
    .constantFrom('standard', 'vip')
    .map((value) => ({ fact: 'customerTier', operator: 'notEqual', value })),
  fc
    .integer({ min: 0, max: 10 })
    .map((n) => ({ fact: 'angerScore', operator: 'greaterThan', value: n / 10 })),
  fc
    .tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 5, max: 10 }))
    .map(([a, b]) => ({ fact: 'angerScore', operator: 'between', value: [a / 10, b / 10] })),
  fc
    .subarray(['litige', 'colis', 'facture'], { minLength: 1 })
    .map((value) => ({ fact: 'text', operator: 'containsAnyWord', value })),
);

const { condition: conditionArb } = fc.letrec<{ condition: Condition; group: GroupCondition }>(
  (tie) => ({
    condition: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leafArb, tie('group')),
    group: fc.oneof(
      fc.array(tie('condition'), { maxLength: 3 }).map((all) => ({ all })),
      fc.array(tie('condition'), { maxLength: 3 }).map((any) => ({ any })),
      tie('condition').map((not) => ({ not })),
    ),
  }),
);
const groupArb = conditionArb.map((c): GroupCondition => (isLeaf(c) ? { all: [c] } : c));

const factsArb = fc
  .record({
    channel: fc.constantFrom('chat' as const, 'email' as const, 'phone' as const),
    customerTier: fc.constantFrom('standard' as const, 'vip' as const),
    angerScore: fc.integer({ min: 0, max: 10 }).map((n) => n / 10),
    text: fc.constantFrom('Un litige', 'Mon colis', 'Bonjour'),
  })
  .map((f) => makeFacts(f));

function toEngine(condition: Condition): NestedCondition {
  if (isLeaf(condition))
    return { fact: condition.fact, operator: 'ours', value: { leaf: condition } };
  if ('not' in condition) return { not: toEngine(condition.not) };
  return 'all' in condition
    ? { all: condition.all.map(toEngine) }
    : { any: condition.any.map(toEngine) };
}

describe('evaluation matches json-rules-engine (property)', () => {
  it('fires the same rules on random nested conditions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(groupArb, { minLength: 1, maxLength: 5 }),
        factsArb,
        async (groups, facts) => {
          const rules = groups.map((conditions, i) =>
            makeRule(`r${i}`, conditions, [{ type: 'tag', tags: [`r${i}`] }]),
          );
          const ours = compileRuleSet(makeRuleSet(rules, 0)).evaluate(facts).decision.explanation
            .rules;

          const engine = new Engine([], { allowUndefinedFacts: true });
          engine.addOperator<unknown, { leaf: LeafCondition }>('ours', (value, { leaf }) =>
            compileLeaf(leaf, env).predicate(value),
          );
          groups.forEach((conditions, i) =>
            engine.addRule({
              name: `r${i}`,
              conditions: toEngine(conditions) as TopLevelCondition,
              event: { type: 'fired' },
            }),
          );
          const { results } = await engine.run(facts);
          const theirs = new Set(results.map((r) => r.name));

          expect(ours.slice(0, -1).map((r) => r.fired)).toEqual(rules.map((r) => theirs.has(r.id)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
