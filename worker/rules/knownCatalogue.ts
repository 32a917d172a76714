import type { CatalogueCheck } from '../../rules/checks/checkCatalogue';
import type { Issue } from '../../rules/checks/issue';
import type { QueueStore } from '../store/catalogue/queues';
import type { SkillStore } from '../store/catalogue/skills';

/** The queues and skills a rule may name, as the static checks take them. */
export async function knownCatalogue(
  queues: QueueStore,
  skills: SkillStore,
  severity: Issue['severity'],
): Promise<CatalogueCheck> {
  const [queueIds, skillIds] = await Promise.all([queues.ids(), skills.ids()]);
  return { queues: queueIds, skills: skillIds, severity };
}
