import { page } from '$app/state';
import type { Lang } from '$rules/model/channel';
import { localize, type LocalizedText } from '$rules/model/localized';
import { en, type Messages } from './en';
import { fr } from './fr';

export type { Messages };
export const messages: Record<Lang, Messages> = { fr, en };

/**
 * The UI text in the signed-in user's language (the root layout puts `lang` in every page's
 * data). Read `i18n.t` inside markup or $derived so a language switch re-renders.
 */
export const i18n = {
  get lang(): Lang {
    return page.data.lang ?? 'fr';
  },
  get t(): Messages {
    return messages[this.lang];
  },
  /** A catalogue or rule text in the UI language. */
  local(text: LocalizedText): string {
    return localize(text, this.lang);
  },
};
