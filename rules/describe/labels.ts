import type { SingleValuedActionType } from '../model/actions';
import type { Lang } from '../model/channel';
import type { LocalizedText } from '../model/localized';

/** What each single-valued action decides, as a noun phrase for messages. */
export const outputLabels: Record<SingleValuedActionType, LocalizedText> = {
  setPriority: { fr: 'la priorité', en: 'the priority' },
  route: { fr: 'la file', en: 'the queue' },
  setPromise: { fr: 'la promesse de délai', en: 'the promise' },
  setEscalation: { fr: "l'escalade", en: 'the escalation ladder' },
  setAckTemplate: { fr: "le modèle d'accusé de réception", en: 'the acknowledgement template' },
  setSurvey: { fr: "l'enquête de satisfaction", en: 'the survey' },
  setReopenWindow: { fr: 'le délai de réouverture', en: 'the reopen window' },
  deflect: { fr: 'le self-care', en: 'the deflection' },
};

/** "a, b et c" / "a, b and c". */
export function listInWords(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'fr' ? 'et' : 'and'} ${items.at(-1)}`;
}
