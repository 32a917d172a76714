import { findFact } from '$rules/facts/catalogue';
import type { Lang } from '$rules/model/channel';
import { localize } from '$rules/model/localized';

const labels = findFact('channel')?.values ?? [];

/** A channel's name as the rule catalogue spells it in the UI language. */
export function channelName(channel: string, lang: Lang): string {
  const found = labels.find((v) => v.value === channel);
  return found ? localize(found.labels, lang) : channel;
}
