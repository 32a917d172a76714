import type { RuleResult } from 'json-rules-engine';
import { RulesError, type RulesErrorCode } from '../errors';
import { factCatalogue } from '../facts/catalogue';
import type { Decision, Explanation } from '../model/decision';
import type { Facts } from '../model/facts';
import { localize } from '../model/localized';
import type { Rule, RuleSet } from '../model/ruleSet';
import type { Predicate } from '../operators/operator';
import { buildEngine } from './buildEngine';
import type { CompiledRule } from './compileRule';
import { EnginePool } from './EnginePool';
import { mergeActions } from './merge';
import { type ResultNode, traceConditions } from './trace';

export interface RuleErrorRecord {
  ruleId: string;
  code: RulesErrorCode;
  message: string;
}

export interface Evaluation {
  decision: Decision;
  errors: RuleErrorRecord[];
}

type Outcome = { result: RuleResult } | { error: RulesError };

/**
 * A rule set ready to decide: its engines are built once and reused for every decision.
 * A rule that cannot compile, reads a missing fact or throws does not fire; its error is
 * reported and the remaining rules, down to the default, still decide.
 */
export class CompiledRuleSet {
  private readonly pool: EnginePool;
  /** One engine per rule, built only if a shared run ever throws, to find the culprit. */
  private readonly isolated = new Map<number, EnginePool>();
  private readonly evaluated: { index: number; compiled: CompiledRule }[];

  constructor(
    readonly ruleSet: RuleSet,
    private readonly rules: readonly CompiledRule[],
    private readonly predicates: readonly Predicate[],
  ) {
    this.evaluated = rules
      .map((compiled, index) => ({ index, compiled }))
      .filter(({ compiled }) => compiled.conditions !== null);
    this.pool = new EnginePool(() => buildEngine(this.evaluated, predicates));
  }

  async decide(facts: Facts): Promise<Decision> {
    return (await this.evaluate(facts)).decision;
  }

  async evaluate(facts: Facts): Promise<Evaluation> {
    const input = readFacts(facts);
    const outcomes = await this.run(input);
    const errors: RuleErrorRecord[] = [];
    const fired: Rule[] = [];
    const traces: Explanation['rules'] = this.rules.map(
      ({ rule, error: compileError, facts: used }, i) => {
        const outcome = outcomes.get(i);
        const missing = [...used].filter((name) => input[name] === undefined);
        const error =
          compileError ??
          (missing.length > 0
            ? missingFacts(missing)
            : outcome && 'error' in outcome
              ? outcome.error
              : null);
        const result = outcome && 'result' in outcome ? outcome.result : undefined;
        const ruleFired = rule.enabled && !error && result?.result === true;
        if (error) errors.push({ ruleId: rule.id, code: error.code, message: error.messages.en });
        if (ruleFired) fired.push(rule);
        return {
          ruleId: rule.id,
          ruleName: localize(rule.name, 'fr'),
          enabled: rule.enabled,
          fired: ruleFired,
          conditions: result
            ? traceConditions(rule.conditions, result.conditions as ResultNode, input)
            : [],
          error: error ? `${error.code}: ${error.messages.en}` : null,
        };
      },
    );
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

  /** Outcomes by rule index: one shared run, or rule by rule when the shared run throws. */
  private async run(input: Record<string, unknown>): Promise<Map<number, Outcome>> {
    const outcomes = new Map<number, Outcome>();
    try {
      const { results, failureResults } = await this.pool.run(input);
      for (const result of [...results, ...failureResults]) {
        outcomes.set(Number(result.name), { result });
      }
    } catch {
      await Promise.all(
        this.evaluated.map(async ({ index, compiled }) => {
          try {
            const { results, failureResults } = await this.isolatedPool(index, compiled).run(input);
            const result = results[0] ?? failureResults[0];
            if (result) outcomes.set(index, { result });
          } catch (error) {
            outcomes.set(index, { error: threw(error) });
          }
        }),
      );
    }
    return outcomes;
  }

  private isolatedPool(index: number, compiled: CompiledRule): EnginePool {
    let pool = this.isolated.get(index);
    if (!pool) {
      pool = new EnginePool(() => buildEngine([{ index, compiled }], this.predicates));
      this.isolated.set(index, pool);
    }
    return pool;
  }
}

/**
 * The catalogued facts only, so the engine never sees stray keys. A nullable fact left out
 * (facts stored before it existed) counts as null; any other absent fact is missing.
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

function missingFacts(names: string[]): RulesError {
  const list = names.join(', ');
  return new RulesError('MISSING_FACT', {
    fr: `Donnée absente : ${list}.`,
    en: `Missing fact: ${list}.`,
  });
}

function threw(error: unknown): RulesError {
  const message = error instanceof Error ? error.message : String(error);
  return new RulesError('RULE_THREW', { fr: message, en: message });
}
