import type { Db } from 'mongodb';
import { channels as allChannels } from '../rules/model/channel';
import { defaultRuleSet } from '../rules/defaults/defaultRuleSet';
import type { ActivityDeps } from './activities/createActivities';
import { ChannelAdapters } from './channels/adapters';
import { OutboxOnlyAdapter } from './channels/outboxAdapter';
import { RuleProvider } from './rules/ruleProvider';
import { createStores, ensureIndexes } from './store/stores';

/** Everything the activities need, built once per process. */
export async function buildActivityDeps(db: Db): Promise<ActivityDeps> {
  const stores = createStores(db);
  await ensureIndexes(stores);
  const outbox = new OutboxOnlyAdapter();
  return {
    stores,
    rules: new RuleProvider(stores.ruleSets, defaultRuleSet.id),
    channels: new ChannelAdapters(Object.fromEntries(allChannels.map((c) => [c, outbox]))),
  };
}
