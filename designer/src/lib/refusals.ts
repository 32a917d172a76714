import type { Lang } from '$rules/model/channel';
import type { Refusal } from '$workflows/contracts/refusals';
import { formatDate } from './format';
import { en } from './i18n/en';
import { fr } from './i18n/fr';

/** A refusal the workflow coded (a code and its parameters), in the agent's language. */
export function wordRefusal(refusal: Refusal, lang: Lang): string {
  const words = (lang === 'fr' ? fr : en).case.refusals;
  switch (refusal.code) {
    case 'callback.inPast':
      return words.callbackInPast(formatDate(refusal.at, lang));
    case 'claim.pullNotAllowed':
      return words.pullNotAllowed;
  }
}
