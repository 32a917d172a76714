import { defaultRuleSet } from '../../rules/defaults/defaultRuleSet';
import type { RuleSet } from '../../rules/model/ruleSet';
import type { Stores } from '../../worker/store/stores';

/** The default rule set with every promise given a resolution target, published as version 2. */
export function publishWithResolutionTarget(minutes: number) {
  return async (stores: Stores): Promise<void> => {
    const ruleSet: RuleSet = structuredClone(defaultRuleSet);
    for (const rule of ruleSet.rules)
      for (const action of rule.actions)
        if (action.type === 'setPromise') action.resolutionMinutes = minutes;
    await stores.ruleSets.publish(ruleSet, { author: 'test', comment: 'resolution target' });
  };
}
