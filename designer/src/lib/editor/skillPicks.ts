import { skillName, type SkillOutput } from '../../../../rules/model/skillOutput';

/**
 * A skill at level 1 and required stays a plain name, as rule sets held it before levels: an
 * untouched rule set saves exactly as it was loaded.
 */
function compact(skill: string, minLevel: number, optional: boolean): SkillOutput {
  return minLevel === 1 && !optional ? skill : { skill, minLevel, optional };
}

export const levelOf = (s: SkillOutput): number => (typeof s === 'string' ? 1 : s.minLevel);
export const isOptional = (s: SkillOutput): boolean => typeof s !== 'string' && s.optional;

export const withLevel = (s: SkillOutput, minLevel: number): SkillOutput =>
  compact(skillName(s), minLevel, isOptional(s));

export const withOptional = (s: SkillOutput, optional: boolean): SkillOutput =>
  compact(skillName(s), levelOf(s), optional);

export const addSkill = (list: readonly SkillOutput[], skill: string): SkillOutput[] =>
  !skill || list.some((s) => skillName(s) === skill) ? [...list] : [...list, skill];

export const removeSkill = (list: readonly SkillOutput[], skill: string): SkillOutput[] =>
  list.filter((s) => skillName(s) !== skill);
