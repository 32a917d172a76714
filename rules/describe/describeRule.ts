import type { Lang } from '../model/channel';
import { isUnconditional } from '../model/conditionTree';
import type { Rule } from '../model/ruleSet';
import { describeAction } from './describeAction';
import { describeCondition } from './describeCondition';

/**
 * A rule in one sentence, for the designer and the audit log:
 * "Quand canal est Chat et statut client est Premium → priorité 1, file vip, réponse sous 1 min".
 */
export function describeRule(rule: Rule, lang: Lang): string {
  const fr = lang === 'fr';
  const when = rule.isDefault
    ? fr
      ? 'Dans tous les autres cas'
      : 'In every other case'
    : isUnconditional(rule.conditions)
      ? fr
        ? 'Toujours'
        : 'Always'
      : `${fr ? 'Quand' : 'When'} ${describeCondition(rule.conditions, lang)}`;
  const then =
    rule.actions.map((action) => describeAction(action, lang)).join(', ') ||
    (fr ? 'rien' : 'nothing');
  return `${rule.enabled ? '' : fr ? '(désactivée) ' : '(disabled) '}${when} → ${then}`;
}
