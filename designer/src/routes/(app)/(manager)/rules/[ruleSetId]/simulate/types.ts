import type { Decision } from '$rules/model/decision';
import type { Facts } from '$rules/model/facts';
import type { RuleErrorRecord } from '$rules/engine/CompiledRuleSet';

/** What the simulate action answers. */
export interface Simulation {
  facts: Facts;
  decision: Decision;
  errors: RuleErrorRecord[];
}
