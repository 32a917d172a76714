import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as rules from '../../../rules/index';
import type { Decision, Facts, Issue, RuleSet } from '../../../rules/index';

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

  it('resolves a folder import even beside an exported rules.json', async () => {
    // The README's `rules export --out rules.json` once shadowed `rules/` for the tests.
    const dir = await mkdtemp(join(tmpdir(), 'relais-resolve-'));
    try {
      await mkdir(join(dir, 'rules'));
      await writeFile(join(dir, 'rules', 'index.ts'), "export const source = 'folder';\n");
      await writeFile(join(dir, 'rules.json'), '{ "source": "json" }\n');
      const loaded = (await import(/* @vite-ignore */ join(dir, 'rules'))) as { source: string };
      expect(loaded.source).toBe('folder');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
