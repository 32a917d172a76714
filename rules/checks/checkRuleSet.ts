import type { Calendar } from '../model/calendar';
import type { RuleSet } from '../model/ruleSet';
import { type CatalogueCheck, checkCatalogue } from './checkCatalogue';
import { checkConditions } from './checkConditions';
import { checkDefaultRule } from './checkDefaultRule';
import { checkGroups } from './checkGroups';
import { checkShadowing } from './checkShadowing';
import type { Issue } from './issue';

/**
 * Everything that can be known about a rule set before it runs. Publishing requires no errors;
 * a rule set without errors is one `decide` never throws for. Queues and skills are checked
 * against the routing catalogue when one is given (the server has it; a bare rule set does not).
 */
export function checkRuleSet(
  ruleSet: RuleSet,
  calendars?: readonly Calendar[],
  catalogue?: CatalogueCheck,
): Issue[] {
  return [
    ...duplicateIds(ruleSet),
    ...ruleSet.rules.flatMap((rule) => [
      ...checkConditions(rule, calendars),
      ...checkGroups(rule),
      ...(rule.actions.length === 0 && !rule.isDefault ? [noActions(rule.id)] : []),
    ]),
    ...checkShadowing(ruleSet.rules),
    ...checkDefaultRule(ruleSet),
    ...(catalogue ? checkCatalogue(ruleSet, catalogue) : []),
  ];
}

function duplicateIds(ruleSet: RuleSet): Issue[] {
  const seen = new Set<string>();
  return ruleSet.rules.flatMap((rule): Issue[] => {
    if (!seen.has(rule.id)) {
      seen.add(rule.id);
      return [];
    }
    return [
      {
        severity: 'error',
        code: 'DUPLICATE_RULE_ID',
        ruleId: rule.id,
        path: '',
        message: {
          fr: `Deux règles portent l'identifiant « ${rule.id} » : l'explication des décisions serait ambiguë.`,
          en: `Two rules have the id "${rule.id}": decisions could not say which one applied.`,
        },
      },
    ];
  });
}

function noActions(ruleId: string): Issue {
  return {
    severity: 'warning',
    code: 'NO_ACTIONS',
    ruleId,
    path: '',
    message: { fr: "La règle n'a aucune action.", en: 'The rule has no actions.' },
  };
}
