import { listInWords, outputLabels } from '../describe/labels';
import { isSingleValued, type SingleValuedActionType } from '../model/actions';
import type { Rule } from '../model/ruleSet';
import { implies } from './implication';
import type { Issue } from './issue';

const singleValuedTypes = (rule: Rule): Set<SingleValuedActionType> =>
  new Set(rule.actions.map((a) => a.type).filter(isSingleValued));

/**
 * A later rule is shadowed when an earlier enabled rule fires whenever it does (same or weaker
 * condition) and already sets its outputs: those actions can never win. When the later rule
 * still adds tags or raises, or sets other outputs, only the lost outputs are reported.
 */
export function checkShadowing(rules: readonly Rule[]): Issue[] {
  const issues: Issue[] = [];
  const active = rules.filter((rule) => rule.enabled && !rule.isDefault);
  active.forEach((later, i) => {
    const outputs = singleValuedTypes(later);
    if (outputs.size === 0) return;
    for (const earlier of active.slice(0, i)) {
      if (!implies(later.conditions, earlier.conditions)) continue;
      const earlierOutputs = singleValuedTypes(earlier);
      const lost = [...outputs].filter((type) => earlierOutputs.has(type));
      if (lost.length === 0) continue;
      const lostIn = {
        fr: listInWords(
          lost.map((type) => outputLabels[type].fr),
          'fr',
        ),
        en: listInWords(
          lost.map((type) => outputLabels[type].en),
          'en',
        ),
      };
      const whole =
        lost.length === outputs.size && later.actions.every((a) => isSingleValued(a.type));
      issues.push({
        severity: 'warning',
        code: whole ? 'RULE_SHADOWED' : 'OUTPUT_SHADOWED',
        ruleId: later.id,
        path: '',
        message: whole
          ? {
              fr: `Masquée par la règle « ${earlier.name.fr || earlier.id} », plus haut, qui s'applique dans les mêmes cas et fixe déjà ${lostIn.fr} : elle n'a aucun effet.`,
              en: `Shadowed by the earlier rule "${earlier.name.en || earlier.id}", which applies in the same cases and already sets ${lostIn.en}: it has no effect.`,
            }
          : {
              fr: `La règle « ${earlier.name.fr || earlier.id} », plus haut, s'applique dans les mêmes cas et fixe déjà ${lostIn.fr} : ces actions-là n'ont aucun effet.`,
              en: `The earlier rule "${earlier.name.en || earlier.id}" applies in the same cases and already sets ${lostIn.en}: those actions have no effect.`,
            },
      });
      return;
    }
  });
  return issues;
}
