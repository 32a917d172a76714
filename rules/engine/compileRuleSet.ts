import { defaultCalendar } from '../calendar/defaultCalendar';
import { RulesError } from '../errors';
import { type SingleValuedActionType, singleValuedActionTypes } from '../model/actions';
import type { Calendar } from '../model/calendar';
import { isUnconditional } from '../model/conditionTree';
import type { Rule, RuleSet } from '../model/ruleSet';
import { CompiledRuleSet } from './CompiledRuleSet';
import { compileRule } from './compileRule';

export interface CompileOptions {
  /** Calendars `inBusinessHours` may name; the default calendar when not given. */
  calendars?: readonly Calendar[];
}

/**
 * Compiles a rule set once for many decisions. Rules that do not compile are kept and reported
 * on every decision; only a missing or incomplete default rule makes the whole set unusable,
 * because then some output could stay unset.
 */
export function compileRuleSet(ruleSet: RuleSet, options: CompileOptions = {}): CompiledRuleSet {
  assertDefaultRule(ruleSet);
  const calendars = new Map((options.calendars ?? [defaultCalendar]).map((c) => [c.id, c]));
  const rules = ruleSet.rules.map((rule) => compileRule(rule, { calendars }));
  return new CompiledRuleSet(ruleSet, rules);
}

function assertDefaultRule(ruleSet: RuleSet): void {
  const last = ruleSet.rules.at(-1);
  const problem = !last?.isDefault
    ? {
        fr: 'la dernière règle doit être la règle par défaut',
        en: 'the last rule must be the default rule',
      }
    : !last.enabled
      ? { fr: 'la règle par défaut est désactivée', en: 'the default rule is disabled' }
      : !isUnconditional(last.conditions)
        ? { fr: 'la règle par défaut a des conditions', en: 'the default rule has conditions' }
        : missingOutputs(last).length > 0
          ? {
              fr: `la règle par défaut ne fixe pas ${missingOutputs(last).join(', ')}`,
              en: `the default rule does not set ${missingOutputs(last).join(', ')}`,
            }
          : null;
  if (problem) {
    throw new RulesError('NO_DEFAULT_RULE', {
      fr: `Jeu de règles ${ruleSet.id} v${ruleSet.version} inutilisable : ${problem.fr}.`,
      en: `Rule set ${ruleSet.id} v${ruleSet.version} cannot decide: ${problem.en}.`,
    });
  }
}

/** Which single-valued outputs a rule never sets. */
export function missingOutputs(rule: Rule): SingleValuedActionType[] {
  const set = new Set(rule.actions.map((action) => action.type));
  return singleValuedActionTypes.filter((type) => !set.has(type));
}
