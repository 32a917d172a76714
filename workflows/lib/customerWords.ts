import type { Lang } from '../../rules/model/channel';
import type { SurveyKind } from '../contracts/case';

/** Texts the workflows send to customers, in their language. */
export const customerWords = {
  survey: (kind: SurveyKind, ref: string, lang: Lang): string =>
    kind === 'csat'
      ? lang === 'fr'
        ? `Votre demande ${ref} est résolue. Êtes-vous satisfait(e) ? Répondez par une note de 1 (pas du tout) à 5 (très satisfait).`
        : `Your request ${ref} is resolved. How satisfied are you? Reply with a score from 1 (not at all) to 5 (very satisfied).`
      : lang === 'fr'
        ? `Votre demande ${ref} est résolue. Recommanderiez-vous notre service ? Répondez par une note de 0 à 10.`
        : `Your request ${ref} is resolved. Would you recommend us? Reply with a score from 0 to 10.`,
  surveyReminder: (ref: string, lang: Lang): string =>
    lang === 'fr'
      ? `Petit rappel : votre avis sur la demande ${ref} nous aide à progresser. Une note suffit.`
      : `A quick reminder: your opinion on request ${ref} helps us improve. A score is enough.`,
  callbackOffer: (canCallBack: boolean, lang: Lang): string =>
    lang === 'fr'
      ? canCallBack
        ? 'Tous nos conseillers sont occupés. Plutôt que d’attendre, voulez-vous être rappelé(e) ? Répondez RAPPEL, ou nous vous répondrons par e-mail.'
        : 'Tous nos conseillers sont occupés. Plutôt que d’attendre, nous pouvons vous répondre par e-mail : laissez-nous votre message.'
      : canCallBack
        ? 'All our agents are busy. Rather than wait, would you like us to call you back? Reply CALLBACK, or we will answer by email.'
        : 'All our agents are busy. Rather than wait, we can answer you by email: leave us your message.',
};
