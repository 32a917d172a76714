import type { Decision } from '../model/decision';
import type { Facts } from '../model/facts';
import type { RuleSet } from '../model/ruleSet';
import type { CompiledRuleSet } from './CompiledRuleSet';
import { type CompileOptions, compileRuleSet } from './compileRuleSet';
import { RuleMetrics } from './RuleMetrics';

/** Published versions kept compiled; the worker only ever decides with the latest few. */
const cacheSize = 16;

/**
 * Decides with rule sets compiled once per published version (`id@version`), reused across calls.
 * Drafts (version 0) change in place, so they are compiled afresh for every decision.
 */
export class Decider {
  readonly metrics = new RuleMetrics();
  private readonly cache = new Map<string, CompiledRuleSet>();

  constructor(private readonly options: CompileOptions = {}) {}

  async decide(ruleSet: RuleSet, facts: Facts): Promise<Decision> {
    const { decision, errors } = await this.compiled(ruleSet).evaluate(facts);
    this.metrics.recordDecision(errors.map((error) => error.code));
    return decision;
  }

  compiled(ruleSet: RuleSet): CompiledRuleSet {
    if (ruleSet.version === 0) return this.compile(ruleSet);
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
