import { groupOperator, groupsOf, isUnconditional } from '../model/conditionTree';
import type { Rule } from '../model/ruleSet';
import type { Issue } from './issue';

/**
 * The json-rules-engine condition format reads an empty `all` and an empty `any` alike as true,
 * which is never what the author of a conditional rule meant. The default rule, unconditional by
 * design, is exempt.
 */
export function checkGroups(rule: Rule): Issue[] {
  if (rule.isDefault) return [];
  return groupsOf(rule.conditions)
    .filter(({ group }) => isUnconditional(group))
    .map(({ group, path }) => {
      const where = path || groupOperator(group);
      return {
        severity: 'error',
        code: 'EMPTY_GROUP',
        ruleId: rule.id,
        path,
        message: {
          fr: `Le groupe « ${where} » est vide : il est toujours vrai.`,
          en: `Group "${where}" is empty: it always holds.`,
        },
      };
    });
}
