import { RulesError, type RulesErrorCode } from '../errors';
import { factCatalogue } from '../facts/catalogue';
import type { Decision, Explanation } from '../model/decision';
import type { Facts } from '../model/facts';
import { localize } from '../model/localized';
import type { Rule, RuleSet } from '../model/ruleSet';
import type { CompiledRule } from './compileRule';
import { type ConditionTrace, evaluateCondition } from './evaluateCondition';
import { mergeActions } from './merge';

export interface RuleErrorRecord {
  ruleId: string;
  code: RulesErrorCode;
  message: string;
}

export interface Evaluation {
  decision: Decision;
  errors: RuleErrorRecord[];
}

/**
 * A rule set ready to decide: conditions compiled once (operators resolved, regexes and word
 * lists prepared), then evaluated synchronously for each contact. A rule that cannot compile,
 * reads a missing fact or throws does not fire; its error is reported and the remaining rules,
 * down to the default, still decide.
 */
export class CompiledRuleSet {
  constructor(
    readonly ruleSet: RuleSet,
    private readonly rules: readonly CompiledRule[],
  ) {}

  async decide(facts: Facts): Promise<Decision> {
    return this.evaluate(facts).decision;
  }

  evaluate(facts: Facts): Evaluation {
    const input = readFacts(facts);
    const errors: RuleErrorRecord[] = [];
    const fired: Rule[] = [];
    const traces: Explanation['rules'] = this.rules.map((compiled) => {
      const { rule } = compiled;
      const conditions: ConditionTrace[] = [];
      let error = compiled.error ?? missingFacts(compiled, input);
      let ruleFired = false;
      if (!error && compiled.condition) {
        try {
          ruleFired = evaluateCondition(compiled.condition, input, conditions);
        } catch (thrown) {
          error = threw(thrown);
        }
      }
      if (error) {
        errors.push({ ruleId: rule.id, code: error.code, message: error.messages.en });
        ruleFired = false;
      }
      if (ruleFired) fired.push(rule);
      return {
        ruleId: rule.id,
        ruleName: localize(rule.name, 'fr'),
        enabled: rule.enabled,
        fired: ruleFired,
        conditions,
        error: error ? `${error.code}: ${error.messages.en}` : null,
      };
    });
    const merged = mergeActions(fired);
    return {
      decision: {
        ...merged.outputs,
        ruleSetId: this.ruleSet.id,
        ruleSetVersion: this.ruleSet.version,
        explanation: {
          outputs: merged.setBy,
          contributors: merged.contributors,
          rules: traces,
          errors: errors.map((e) => `${e.code} ${e.ruleId}: ${e.message}`),
        },
      },
      errors,
    };
  }
}

/**
 * The catalogued facts only, so rules never see stray keys. A nullable fact left out (facts
 * stored before it existed) counts as null; any other absent fact is missing.
 */
function readFacts(facts: Facts): Record<string, unknown> {
  const source = facts as unknown as Record<string, unknown>;
  const input: Record<string, unknown> = {};
  for (const { name, nullable } of factCatalogue) {
    const value = source[name];
    if (value !== undefined) input[name] = value;
    else if (nullable) input[name] = null;
  }
  return input;
}

function missingFacts(compiled: CompiledRule, input: Record<string, unknown>): RulesError | null {
  const missing = [...compiled.facts].filter((name) => input[name] === undefined);
  if (missing.length === 0) return null;
  const list = missing.join(', ');
  return new RulesError('MISSING_FACT', {
    fr: `Donnée absente : ${list}.`,
    en: `Missing fact: ${list}.`,
  });
}

function threw(error: unknown): RulesError {
  const message = error instanceof Error ? error.message : String(error);
  return new RulesError('RULE_THREW', { fr: message, en: message });
}
