import { describe, expect, expectTypeOf, it } from 'vitest';
import * as rules from '../../../rules';
import type { Decision, Facts, Issue, RuleSet } from '../../../rules';

describe('public API', () => {
  it('exports the entry points the worker and the designer use', () => {
    for (const name of [
      'decide',
      'createDecider',
      'compileRuleSet',
      'buildFacts',
      'scoreText',
      'checkRuleSet',
      'backtest',
      'describeRule',
      'diffRuleSets',
      'factCatalogue',
      'operators',
      'defaultRuleSet',
      'RuleSetSchema',
      'DecisionSchema',
    ] as const) {
      expect(rules[name], name).toBeDefined();
    }
  });

  it('has the documented signatures', () => {
    expectTypeOf(rules.decide).toEqualTypeOf<
      (ruleSet: RuleSet, facts: Facts) => Promise<Decision>
    >();
    expectTypeOf(rules.checkRuleSet).returns.toEqualTypeOf<Issue[]>();
    expectTypeOf(rules.describeRule).parameters.toEqualTypeOf<[rules.Rule, rules.Lang]>();
    expectTypeOf(rules.ruleMetrics.ruleErrors).toBeNumber();
  });
});
