import { defaultCalendar } from '../calendar/defaultCalendar';
import { RulesError } from '../errors';
import type { FactDefinition } from '../facts/catalogue';
import type { Calendar } from '../model/calendar';
import type { LeafCondition } from '../model/conditions';
import { leavesOf } from '../model/conditionTree';
import type { Rule } from '../model/ruleSet';
import { compileLeaf } from '../operators/compileLeaf';
import { type Issue, IssueCodeSchema } from './issue';

/**
 * Each condition must name a catalogued fact, use an operator for that fact's type and give a
 * value the operator accepts (enum members, safe regexes, known calendars…). Numbers outside
 * the fact's range are legal but almost certainly a typo, so they only warn.
 */
export function checkConditions(
  rule: Rule,
  calendars: readonly Calendar[] = [defaultCalendar],
): Issue[] {
  const env = { calendars: new Map(calendars.map((c) => [c.id, c])) };
  return leavesOf(rule.conditions).flatMap(({ leaf, path }): Issue[] => {
    try {
      const { fact } = compileLeaf(leaf, env);
      return outOfRange(leaf, fact).map((value) => ({
        severity: 'warning',
        code: 'VALUE_OUT_OF_RANGE',
        ruleId: rule.id,
        path,
        message: {
          fr: `${value} est hors de l'intervalle de « ${fact.labels.fr} » (${fact.min ?? '-∞'} à ${fact.max ?? '∞'}).`,
          en: `${value} is outside the range of "${fact.labels.en}" (${fact.min ?? '-∞'} to ${fact.max ?? '∞'}).`,
        },
      }));
    } catch (error) {
      if (!(error instanceof RulesError)) throw error;
      const code = IssueCodeSchema.parse(error.code);
      return [{ severity: 'error', code, ruleId: rule.id, path, message: error.messages }];
    }
  });
}

function outOfRange(leaf: LeafCondition, fact: FactDefinition): number[] {
  if (fact.type !== 'number' && fact.type !== 'duration') return [];
  const values = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
  return values.filter(
    (v): v is number =>
      typeof v === 'number' &&
      ((fact.min !== undefined && v < fact.min) || (fact.max !== undefined && v > fact.max)),
  );
}
