import { missingOutputs } from '../engine/compileRuleSet';
import { outputLabels } from '../describe/labels';
import { singleValuedActionTypes } from '../model/actions';
import { isUnconditional } from '../model/conditionTree';
import type { RuleSet } from '../model/ruleSet';
import type { Issue } from './issue';

/**
 * Every output must be decided for every contact: that is the default rule's job, so it must
 * exist, be enabled, come last, have no conditions and set every single-valued output.
 */
export function checkDefaultRule(ruleSet: RuleSet): Issue[] {
  const defaults = ruleSet.rules.filter((rule) => rule.isDefault);
  const last = ruleSet.rules.at(-1);
  const issues: Issue[] = [];
  const error = (code: Issue['code'], ruleId: string | null, fr: string, en: string): void => {
    issues.push({ severity: 'error', code, ruleId, path: '', message: { fr, en } });
  };
  if (defaults.length === 0) {
    error(
      'NO_DEFAULT_RULE',
      null,
      'Il manque la règle par défaut, sans condition, en dernière position.',
      'The default rule, without conditions, is missing at the end.',
    );
    const setAnywhere = new Set(ruleSet.rules.flatMap((rule) => rule.actions.map((a) => a.type)));
    for (const type of singleValuedActionTypes.filter((t) => !setAnywhere.has(t))) {
      error(
        'OUTPUT_NEVER_SET',
        null,
        `Aucune règle ne fixe ${outputLabels[type].fr}.`,
        `No rule sets ${outputLabels[type].en}.`,
      );
    }
    return issues;
  }
  for (const rule of defaults.filter((r) => r !== last)) {
    error(
      'DEFAULT_NOT_LAST',
      rule.id,
      'La règle par défaut doit être la dernière : les règles suivantes ne fixeraient plus rien.',
      'The default rule must come last: the rules after it could no longer set anything.',
    );
  }
  for (const rule of defaults) {
    if (!rule.enabled) {
      error(
        'DEFAULT_DISABLED',
        rule.id,
        'La règle par défaut est désactivée.',
        'The default rule is disabled.',
      );
    }
    if (!isUnconditional(rule.conditions)) {
      error(
        'DEFAULT_HAS_CONDITIONS',
        rule.id,
        'La règle par défaut ne doit pas avoir de condition.',
        'The default rule must have no conditions.',
      );
    }
    for (const type of missingOutputs(rule)) {
      error(
        'OUTPUT_NEVER_SET',
        rule.id,
        `La règle par défaut ne fixe pas ${outputLabels[type].fr} : certains contacts n'en auraient pas.`,
        `The default rule does not set ${outputLabels[type].en}: some contacts would have none.`,
      );
    }
  }
  return issues;
}
