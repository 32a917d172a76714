import type { Lang } from '../../../../../rules/model/channel';
import { en } from '../../i18n/en';
import { fr } from '../../i18n/fr';

/**
 * The sentences the case workflow writes for people (a supervisor notice, the reason of a
 * callback the customer asked for), recognised and worded in the reader's language. Read-time, so
 * what is already stored reads right too; anything else (an agent's own words) stays as written.
 */
const escalation =
  /^Case ([0-9a-f-]{8})[0-9a-f-]* breached its (first-response|resolution) promise \(level (\d+)\)$/i;
const customerRequested = 'requested by the customer';

export function wordNotice(text: string, lang: Lang): string {
  const words = (lang === 'fr' ? fr : en).notices;
  const breach = escalation.exec(text);
  if (breach)
    return words.breached(
      breach[1]!.toUpperCase(),
      words.promises[breach[2] as 'first-response' | 'resolution'],
      Number(breach[3]),
    );
  if (text === customerRequested) return words.customerRequested;
  return text;
}
