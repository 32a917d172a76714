import { RulesError, type RulesErrorCode } from '../errors';
import { findFact } from '../facts/catalogue';
import type { Decision, Explanation } from '../model/decision';
import type { Facts } from '../model/facts';
import { localize } from '../model/localized';
import type { Rule, RuleSet } from '../model/ruleSet';
import type { CompiledRule } from './compileRule';
import { type ConditionTest, type ConditionTrace, compileTest } from './evaluateCondition';
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

/** What evaluating one rule needs, prepared when the rule set is compiled. */
interface RulePlan {
  rule: Rule;
  /** Null for disabled rules and rules that failed to compile. */
  test: ConditionTest | null;
  /** The compile error, if any, reported on every decision. */
  error: RulesError | null;
  /**
   * The non-nullable facts the conditions read, in the order first read: a rule with one of them
   * absent does not fire. An absent nullable fact (facts stored before it existed) reads as null.
   */
  required: readonly string[];
}

/**
 * A rule set ready to decide: conditions compiled once (operators resolved, regexes and word
 * lists prepared, each rule turned into a closure), then evaluated synchronously for each
 * contact. A rule that cannot compile, reads a missing fact or throws does not fire; its error is
 * reported and the remaining rules, down to the default, still decide.
 *
 * Evaluation reads the facts object as given, without validating or copying it: facts are
 * validated once where they are made (`buildFacts` parses them with FactsSchema), and rules only
 * read catalogued facts (compiling refuses any other), so stray keys are never seen.
 */
export class CompiledRuleSet {
  private readonly plans: readonly RulePlan[];

  constructor(
    readonly ruleSet: RuleSet,
    rules: readonly CompiledRule[],
  ) {
    this.plans = rules.map((compiled): RulePlan => ({
      rule: compiled.rule,
      test: compiled.error || !compiled.condition ? null : compileTest(compiled.condition),
      error: compiled.error,
      required: [...compiled.facts].filter((name) => !findFact(name)?.nullable),
    }));
  }

  async decide(facts: Facts): Promise<Decision> {
    return this.evaluate(facts).decision;
  }

  evaluate(facts: Facts): Evaluation {
    const input = facts as unknown as Readonly<Record<string, unknown>>;
    const errors: RuleErrorRecord[] = [];
    const errorLines: string[] = [];
    const fired: Rule[] = [];
    const traces: Explanation['rules'] = [];
    for (const plan of this.plans) {
      const { rule } = plan;
      const conditions: ConditionTrace[] = [];
      let error = plan.error ?? missingFacts(plan.required, input);
      let ruleFired = false;
      if (!error && plan.test) {
        try {
          ruleFired = plan.test(input, conditions);
        } catch (thrown) {
          error = threw(thrown);
        }
      }
      let errorText: string | null = null;
      if (error) {
        const message = error.messages.en;
        errors.push({ ruleId: rule.id, code: error.code, message });
        errorLines.push(`${error.code} ${rule.id}: ${message}`);
        errorText = `${error.code}: ${message}`;
        ruleFired = false;
      }
      if (ruleFired) fired.push(rule);
      traces.push({
        ruleId: rule.id,
        ruleName: localize(rule.name, 'fr'),
        enabled: rule.enabled,
        fired: ruleFired,
        conditions,
        error: errorText,
      });
    }
    const { outputs, setBy, contributors } = mergeActions(fired);
    // Outputs copied one by one: `{ ...outputs, ruleSetId, … }` (a spread followed by more keys)
    // took V8's slow path, about 2.5 µs a decision, more than evaluating 10 rules.
    return {
      decision: {
        priority: outputs.priority,
        queue: outputs.queue,
        skills: outputs.skills,
        promise: outputs.promise,
        escalation: outputs.escalation,
        ackTemplate: outputs.ackTemplate,
        tags: outputs.tags,
        survey: outputs.survey,
        reopenWindowDays: outputs.reopenWindowDays,
        deflect: outputs.deflect,
        ruleSetId: this.ruleSet.id,
        ruleSetVersion: this.ruleSet.version,
        explanation: { outputs: setBy, contributors, rules: traces, errors: errorLines },
      },
      errors,
    };
  }
}

function missingFacts(
  required: readonly string[],
  input: Readonly<Record<string, unknown>>,
): RulesError | null {
  let missing: string[] | null = null;
  for (const name of required) {
    if (input[name] === undefined) (missing ??= []).push(name);
  }
  if (!missing) return null;
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
