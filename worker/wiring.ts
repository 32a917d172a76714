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
import type { StatusLinkSettings } from './links/statusLinkText';
import { RuleProvider } from './rules/ruleProvider';
import { createStores, ensureIndexes } from './store/stores';

/** Email goes through SMTP when a relay is configured; the written channels reply by email. */
const emailChannels: Channel[] = ['email', 'webform', 'mail', 'portal'];

/** The channel adapters for this configuration: SMTP for email when set, else the outbox. */
export function buildChannelAdapters(
  smtp: { url?: string; from?: string; holdAfterSendIn?: string; thread?: ThreadLookup } = {},
): ChannelAdapters {
  const outbox = new OutboxOnlyAdapter();
  const byChannel: Partial<Record<Channel, ChannelAdapter>> = Object.fromEntries(
    allChannels.map((c) => [c, outbox]),
  );
  if (smtp.url) {
    const from = smtp.from ?? defaultSmtpFrom;
    const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'relais.local';
    const email = new SmtpEmailAdapter(createTransport(smtp.url), from, domain, smtp.thread);
    for (const c of emailChannels) byChannel[c] = email;
  }
  const hold = smtp.holdAfterSendIn;
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
