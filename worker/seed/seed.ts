import { defaultRuleSet } from '../../rules/defaults/defaultRuleSet';
import type { Actor } from '../rules/actor';
import type { Stores } from '../store/stores';
import { demoCategories } from './demoCategories';
import { demoChatSite } from './demoChatSite';
import { demoQueues, demoSkills } from './demoCatalogue';
import { demoUsers } from './demoUsers';

/** The catalogue's seed is audited as the work of Relais itself. */
const relais: Actor = { id: 'relais', role: 'manager' };

/**
 * First start: the default rule set as version 1, the demo routing catalogue (when there is no
 * queue and no skill yet) and the demo users. Safe to repeat.
 */
export async function seedIfEmpty(stores: Stores, log: (line: string) => void): Promise<void> {
  if (!(await stores.ruleSets.latestPublished(defaultRuleSet.id))) {
    try {
      await stores.ruleSets.publish(defaultRuleSet, {
        author: 'relais',
        comment: 'Default rule set from field expectations',
      });
      await stores.ruleSets.saveDraft(defaultRuleSet, 'relais');
      log(`[seed] published rule set "${defaultRuleSet.id}" version 1`);
    } catch (err) {
      // Another process seeded at the same moment; its version 1 is as good as ours.
      if ((err as { code?: number }).code !== 11000) throw err;
    }
  }
  await seedCatalogue(stores, log);
  await seedCategories(stores, log);
  await seedChatSite(stores, log);
  for (const { password, ...user } of demoUsers) {
    if (await stores.users.create(user, password))
      log(`[seed] demo user ${user._id} (${user.role}), password "${password}"`);
  }
}

/** The web form's categories, when there are none yet (added after the routing catalogue). */
async function seedCategories(stores: Stores, log: (line: string) => void): Promise<void> {
  if ((await stores.categories.ids()).length > 0) return;
  let created = 0;
  for (const category of demoCategories)
    if (await stores.categories.saveIfNew(category, relais)) created += 1;
  if (created > 0) log(`[seed] web form: ${demoCategories.length} contact categories`);
}

/** The chat widget's default site, after the categories it offers; its secret unseen until regenerated. */
async function seedChatSite(stores: Stores, log: (line: string) => void): Promise<void> {
  const site = demoChatSite(await stores.categories.ids());
  if (await stores.chatSites.saveIfNew(site, relais)) log(`[seed] chat site "${site._id}"`);
  await stores.chatSites.secrets.createIfMissing(site._id);
}

async function seedCatalogue(stores: Stores, log: (line: string) => void): Promise<void> {
  const [queues, skills] = await Promise.all([stores.queues.ids(), stores.skills.ids()]);
  if (queues.length > 0 || skills.length > 0) return;
  // `created` is false where another process seeding at the same moment was first.
  let created = 0;
  for (const skill of demoSkills) if (await stores.skills.saveIfNew(skill, relais)) created += 1;
  for (const queue of demoQueues) if (await stores.queues.saveIfNew(queue, relais)) created += 1;
  if (created > 0)
    log(`[seed] routing catalogue: ${demoQueues.length} queues, ${demoSkills.length} skills`);
}
