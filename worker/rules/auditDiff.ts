import { diffRuleSets } from '../../rules/describe/diffRuleSets';
import type { RuleSet } from '../../rules/model/ruleSet';
import type { AuditDiff } from '../store/audit';

/** What changed from `before` to `after`; with no `before`, every rule counts as added. */
export function auditDiff(before: RuleSet | null, after: RuleSet): AuditDiff {
  const base = before ?? { ...after, rules: [] };
  const fr = diffRuleSets(base, after, 'fr');
  const en = diffRuleSets(base, after, 'en');
  // diffRuleSets compares rules only; a renamed rule set is a change a reviewer should see too.
  const renamed = base.name.fr !== after.name.fr || base.name.en !== after.name.en;
  return {
    fr: [...(renamed ? [`Renommé — ${base.name.fr} ⇒ ${after.name.fr}`] : []), ...fr.summary],
    en: [...(renamed ? [`Renamed — ${base.name.en} ⇒ ${after.name.en}`] : []), ...en.summary],
    ruleIds: [...new Set([...en.added, ...en.removed, ...en.changed].map((r) => r.ruleId))],
  };
}
