import { z } from 'zod';
import { LangSchema } from '../../../../rules/model/channel';

/** A canned reply as the reply box offers it: its text already filled for the case. */
export const MacroChoiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  lang: LangSchema,
  text: z.string(),
  askCustomer: z.boolean(),
  /** The queue's name, shown beside the macro; the server reads the queue from the macro. */
  transferTo: z.string().nullable(),
  /** The tag the case gets once the reply is sent. */
  tag: z.string().nullable(),
});
export type MacroChoice = z.infer<typeof MacroChoiceSchema>;

/** Macros whose name or text holds every word of `query`, accents and case aside. */
export function searchMacros(macros: MacroChoice[], query: string): MacroChoice[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  return macros.filter((m) => {
    const hay = fold(`${m.name} ${m.text}`);
    return words.every((w) => hay.includes(w));
  });
}

/** The customer's language first, each group keeping its order. */
export const customerLanguageFirst = <T extends { lang: string }>(macros: T[], lang: string): T[] =>
  [...macros].sort((a, b) => Number(b.lang === lang) - Number(a.lang === lang));

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
