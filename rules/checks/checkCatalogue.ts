import type { Action } from '../model/actions';
import type { RuleSet } from '../model/ruleSet';
import { skillName } from '../model/skillOutput';
import type { Issue } from './issue';

/**
 * The queues and skills a rule may name, from the routing catalogue, and how grave naming
 * another is: an error where it would go live (publish), a warning where the catalogue may just
 * not be there yet (an import from another installation).
 */
export interface CatalogueCheck {
  queues: readonly string[];
  skills: readonly string[];
  severity: Issue['severity'];
}

/** The queues an action sends a case to. */
export const queuesNamedBy = (action: Action): string[] => {
  if (action.type === 'route') return [action.queue];
  if (action.type === 'setEscalation')
    return action.levels.flatMap((level) => (level.moveToQueue ? [level.moveToQueue] : []));
  return [];
};

/** The skills an action asks for. */
export const skillsNamedBy = (action: Action): string[] =>
  action.type === 'route' ? action.skills.map(skillName) : [];

/** Each rule's queues and skills that the catalogue does not hold, once per rule. */
export function checkCatalogue(ruleSet: RuleSet, check: CatalogueCheck): Issue[] {
  const queues = new Set(check.queues);
  const skills = new Set(check.skills);
  return ruleSet.rules.flatMap((rule) => {
    const issue = (code: Issue['code'], fr: string, en: string): Issue => ({
      severity: check.severity,
      code,
      ruleId: rule.id,
      path: '',
      message: { fr, en },
    });
    const unknownQueues = new Set(
      rule.actions.flatMap(queuesNamedBy).filter((q) => !queues.has(q)),
    );
    const unknownSkills = new Set(
      rule.actions.flatMap(skillsNamedBy).filter((s) => !skills.has(s)),
    );
    return [
      ...[...unknownQueues].map((q) =>
        issue(
          'UNKNOWN_QUEUE',
          `La file « ${q} » n'existe pas dans le catalogue : créez-la ou choisissez-en une autre.`,
          `The queue "${q}" is not in the catalogue: create it or pick another one.`,
        ),
      ),
      ...[...unknownSkills].map((s) =>
        issue(
          'UNKNOWN_SKILL',
          `La compétence « ${s} » n'existe pas dans le catalogue : créez-la ou choisissez-en une autre.`,
          `The skill "${s}" is not in the catalogue: create it or pick another one.`,
        ),
      ),
    ];
  });
}
