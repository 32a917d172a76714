import { z } from 'zod';

/**
 * A skill a rule asks for: its name alone (level 1, required; what rule sets held before skill
 * levels) or with a minimum level 1–5 and whether routing may drop it after a wait.
 */
export const SkillOutputSchema = z.union([
  z.string().min(1),
  z.object({
    skill: z.string().min(1),
    minLevel: z.number().int().min(1).max(5).default(1),
    optional: z.boolean().default(false),
  }),
]);
export type SkillOutput = z.infer<typeof SkillOutputSchema>;

export const skillName = (s: SkillOutput): string => (typeof s === 'string' ? s : s.skill);

/** "billing", "billing ≥ 3", "billing ≥ 3 (optional)"; the same in both languages but one word. */
export function skillOutputText(s: SkillOutput, lang: 'fr' | 'en'): string {
  if (typeof s === 'string') return s;
  const level = s.minLevel > 1 ? ` ≥ ${s.minLevel}` : '';
  return `${s.skill}${level}${s.optional ? (lang === 'fr' ? ' (facultative)' : ' (optional)') : ''}`;
}
