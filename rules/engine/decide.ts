import type { Decision } from '../model/decision';
import type { Facts } from '../model/facts';
import type { RuleSet } from '../model/ruleSet';
import { createDecider } from './Decider';

const shared = createDecider();

/** The process-wide counters of `decide`: decisions, compilations and rule errors by code. */
export const ruleMetrics = shared.metrics;

/**
 * The decision for one contact, with its explanation. Never throws for a rule set that passes
 * `checkRuleSet` without errors: failing rules are reported and the default rule applies.
 */
export function decide(ruleSet: RuleSet, facts: Facts): Promise<Decision> {
  return shared.decide(ruleSet, facts);
}
