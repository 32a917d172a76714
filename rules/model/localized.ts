import { z } from 'zod';
import type { Lang } from './channel';

/** Text shown to operations managers, who work in French or English. */
export const LocalizedTextSchema = z.object({ fr: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** The text in `lang`, falling back to the other language when that one was left empty. */
export function localize(text: LocalizedText, lang: Lang): string {
  return text[lang] || text[lang === 'fr' ? 'en' : 'fr'];
}
