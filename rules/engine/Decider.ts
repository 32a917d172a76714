import type { RulesErrorCode } from '../errors';
import type { Decision } from '../model/decision';
import type { Facts } from '../model/facts';
import type { RuleSet } from '../model/ruleSet';
import type { CompiledRuleSet } from './CompiledRuleSet';
import { type CompileOptions, compileRuleSet } from './compileRuleSet';
import { RuleMetrics } from './RuleMetrics';

const noErrors: readonly RulesErrorCode[] = [];

/** Published versions kept compiled; the worker only ever decides with the latest few. */
const cacheSize = 16;

/**
 * Decides with rule sets compiled once per published version (`id@version`), reused across calls.
 * Drafts (version 0) change in place, so they are compiled afresh for every decision.
 */
export class Decider {
  readonly metrics = new RuleMetrics();
  private readonly cache = new Map<string, CompiledRuleSet>();

  /** The most recently used published version, which is also the newest entry of the cache. */
  private last: { id: string; version: number; compiled: CompiledRuleSet } | null = null;

  constructor(private readonly options: CompileOptions = {}) {}

  /**
   * Evaluation is synchronous, so this settles the promise directly rather than awaiting in an
   * async function (an extra microtask per decision); a failure still comes back as a rejection.
   */
  decide(ruleSet: RuleSet, facts: Facts): Promise<Decision> {
    try {
      const { decision, errors } = this.compiled(ruleSet).evaluate(facts);
      this.metrics.recordDecision(errors.length === 0 ? noErrors : errors.map((e) => e.code));
      return Promise.resolve(decision);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  compiled(ruleSet: RuleSet): CompiledRuleSet {
    if (ruleSet.version === 0) return this.compile(ruleSet);
    const { last } = this;
    if (last && last.id === ruleSet.id && last.version === ruleSet.version) return last.compiled;
    const key = `${ruleSet.id}@${ruleSet.version}`;
    let compiled = this.cache.get(key);
    if (compiled) {
      // Re-inserting marks the entry as most recently used.
      this.cache.delete(key);
    } else {
      compiled = this.compile(ruleSet);
      if (this.cache.size >= cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    }
    this.cache.set(key, compiled);
    this.last = { id: ruleSet.id, version: ruleSet.version, compiled };
    return compiled;
  }

  private compile(ruleSet: RuleSet): CompiledRuleSet {
    this.metrics.compilations += 1;
    return compileRuleSet(ruleSet, this.options);
  }
}

export function createDecider(options: CompileOptions = {}): Decider {
  return new Decider(options);
}
