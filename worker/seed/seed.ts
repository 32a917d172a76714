import { defaultRuleSet } from '../../rules/defaults/defaultRuleSet';
import type { Stores } from '../store/stores';
import { demoUsers } from './demoUsers';

/** First start: the default rule set as version 1 and the demo users. Safe to repeat. */
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
  for (const { password, ...user } of demoUsers) {
    if (await stores.users.create(user, password))
      log(`[seed] demo user ${user._id} (${user.role}), password "${password}"`);
  }
}
