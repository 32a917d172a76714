import type { Db } from 'mongodb';
import { createTransport } from 'nodemailer';
import { channels as allChannels, type Channel } from '../rules/model/channel';
import { defaultRuleSet } from '../rules/defaults/defaultRuleSet';
import type { ActivityDeps } from './activities/createActivities';
import { ChannelAdapters, type ChannelAdapter } from './channels/adapters';
import { defaultSmtpFrom } from './config';
import { HoldAfterSendAdapter } from './channels/holdAfterSend';
import { OutboxOnlyAdapter } from './channels/outboxAdapter';
import { SmtpEmailAdapter, type ThreadLookup } from './channels/smtpAdapter';
import type { Bridges } from './channels/bridgeContract';
import { WebhookBridgeAdapter } from './channels/webhookAdapter';
import type { StatusLinkSettings } from './links/statusLinkText';
import { RuleProvider } from './rules/ruleProvider';
import { createStores, ensureIndexes } from './store/stores';

/** Email goes through SMTP when a relay is configured; the written channels reply by email. */
const emailChannels: Channel[] = ['email', 'webform', 'mail', 'portal'];

/**
 * The channel adapters for this configuration: SMTP for email when set, a provider bridge for
 * each channel that names one (it takes precedence), else the outbox.
 */
export function buildChannelAdapters(
  options: {
    url?: string;
    from?: string;
    holdAfterSendIn?: string;
    thread?: ThreadLookup;
    bridges?: Bridges;
  } = {},
): ChannelAdapters {
  const outbox = new OutboxOnlyAdapter();
  const byChannel: Partial<Record<Channel, ChannelAdapter>> = Object.fromEntries(
    allChannels.map((c) => [c, outbox]),
  );
  if (options.url) {
    const from = options.from ?? defaultSmtpFrom;
    const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'relais.local';
    const email = new SmtpEmailAdapter(createTransport(options.url), from, domain, options.thread);
    for (const c of emailChannels) byChannel[c] = email;
  }
  for (const [c, bridge] of Object.entries(options.bridges ?? {}))
    byChannel[c as Channel] = new WebhookBridgeAdapter(bridge);
  const hold = options.holdAfterSendIn;
  if (hold)
    for (const c of allChannels) byChannel[c] = new HoldAfterSendAdapter(byChannel[c]!, hold);
  return new ChannelAdapters(byChannel);
}

/** Everything the activities need, built once per process. */
export async function buildActivityDeps(
  db: Db,
  channels: ChannelAdapters = buildChannelAdapters(),
  statusLink?: StatusLinkSettings,
): Promise<ActivityDeps> {
  const stores = createStores(db);
  await ensureIndexes(stores);
  return {
    stores,
    rules: new RuleProvider(stores.ruleSets, defaultRuleSet.id),
    channels,
    ...(statusLink ? { statusLink } : {}),
  };
}
