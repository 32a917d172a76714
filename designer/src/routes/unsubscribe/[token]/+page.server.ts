import { error } from '@sveltejs/kit';
import { en } from '$lib/i18n/en';
import { fr } from '$lib/i18n/fr';
import { relais } from '$lib/server/relais';
import { unsubscribeSecret, verifyUnsubscribe } from '$worker/privacy/consentToken';
import type { Actions, PageServerLoad } from './$types';

/** The link's claim, or a 403 for a token that is not ours, before anything is read or written. */
async function claimOf(token: string, lang: 'fr' | 'en') {
  const { stores } = await relais();
  const claim = verifyUnsubscribe(await unsubscribeSecret(stores.consents.col.db), token);
  if (!claim) error(403, (lang === 'fr' ? fr : en).privacy.unsubscribe.invalid);
  return { stores, claim };
}

/**
 * The unsubscribe link of survey emails (public): opening it only asks, since mail scanners
 * follow links; the button withdraws, and the ledger keeps the words the customer confirmed.
 */
export const load: PageServerLoad = async ({ params, locals }) => {
  await claimOf(params.token, locals.lang);
  return {};
};

export const actions: Actions = {
  default: async ({ params, locals }) => {
    const { stores, claim } = await claimOf(params.token, locals.lang);
    const words = (locals.lang === 'fr' ? fr : en).privacy.unsubscribe;
    await stores.consents.append({
      ...claim,
      granted: false,
      source: 'link',
      at: new Date(),
      wording: `${words.question} [${words.confirm}]`,
      ref: null,
    });
    return { done: true };
  },
};
