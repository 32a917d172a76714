import { sameJson } from '../json/canonical';
import type { Lang } from '../model/channel';
import { localize } from '../model/localized';
import type { Rule, RuleSet } from '../model/ruleSet';
import { describeRule } from './describeRule';

export type RuleField = 'name' | 'description' | 'enabled' | 'conditions' | 'actions' | 'position';

export interface RuleSetDiff {
  added: { ruleId: string; text: string }[];
  removed: { ruleId: string; text: string }[];
  changed: { ruleId: string; fields: RuleField[]; before: string; after: string }[];
  /** The same, one line per difference, for the audit log and the publish dialog. */
  summary: string[];
}

const fields = ['name', 'description', 'enabled', 'conditions', 'actions'] as const;

/**
 * What changed from `a` to `b`, rule by rule (matched by id), in plain language. A rule counts as
 * moved when its place among the rules both versions share differs, since order decides.
 */
export function diffRuleSets(a: RuleSet, b: RuleSet, lang: Lang = 'fr'): RuleSetDiff {
  const before = new Map(a.rules.map((rule) => [rule.id, rule]));
  const after = new Map(b.rules.map((rule) => [rule.id, rule]));
  const commonBefore = a.rules.filter((rule) => after.has(rule.id)).map((rule) => rule.id);
  const commonAfter = b.rules.filter((rule) => before.has(rule.id)).map((rule) => rule.id);
  const text = (rule: Rule) => `${localize(rule.name, lang)} : ${describeRule(rule, lang)}`;
  const diff: RuleSetDiff = {
    added: b.rules
      .filter((rule) => !before.has(rule.id))
      .map((rule) => ({ ruleId: rule.id, text: text(rule) })),
    removed: a.rules
      .filter((rule) => !after.has(rule.id))
      .map((rule) => ({ ruleId: rule.id, text: text(rule) })),
    changed: [],
    summary: [],
  };
  for (const rule of b.rules) {
    const old = before.get(rule.id);
    if (!old) continue;
    const changedFields: RuleField[] = fields.filter((field) => !sameJson(old[field], rule[field]));
    if (commonBefore.indexOf(rule.id) !== commonAfter.indexOf(rule.id))
      changedFields.push('position');
    if (changedFields.length > 0) {
      diff.changed.push({
        ruleId: rule.id,
        fields: changedFields,
        before: text(old),
        after: text(rule),
      });
    }
  }
  const fr = lang === 'fr';
  diff.summary = [
    ...diff.added.map((r) => `${fr ? 'Ajoutée' : 'Added'} — ${r.text}`),
    ...diff.removed.map((r) => `${fr ? 'Supprimée' : 'Removed'} — ${r.text}`),
    ...diff.changed.map((r) =>
      r.before === r.after
        ? `${fr ? 'Modifiée' : 'Changed'} (${r.fields.join(', ')}) — ${r.after}`
        : `${fr ? 'Modifiée' : 'Changed'} — ${r.before} ⇒ ${r.after}`,
    ),
  ];
  return diff;
}
