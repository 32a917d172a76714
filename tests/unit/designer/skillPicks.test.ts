import { describe, expect, it } from 'vitest';
import {
  addSkill,
  isOptional,
  levelOf,
  removeSkill,
  withLevel,
  withOptional,
} from '../../../designer/src/lib/editor/skillPicks';
import { SkillOutputSchema } from '../../../rules/model/skillOutput';

describe('the rule editor’s skill picker', () => {
  it('keeps a plain name as it was while nothing more is said of it', () => {
    expect(addSkill([], 'billing')).toEqual(['billing']);
    expect(withLevel('billing', 1)).toBe('billing');
    expect(withOptional('billing', false)).toBe('billing');
  });

  it('gives a skill a minimum level and an optional flag, each keeping the other', () => {
    const leveled = withLevel('billing', 3);
    expect(leveled).toEqual({ skill: 'billing', minLevel: 3, optional: false });
    const optional = withOptional(leveled, true);
    expect(optional).toEqual({ skill: 'billing', minLevel: 3, optional: true });
    expect([levelOf(optional), isOptional(optional)]).toEqual([3, true]);
    expect(SkillOutputSchema.parse(optional)).toEqual(optional);
    // Back to level 1 and required: the plain name again.
    expect(withOptional(withLevel(optional, 1), false)).toBe('billing');
  });

  it('adds each skill once and removes it whatever its form', () => {
    const list = addSkill([{ skill: 'billing', minLevel: 2, optional: false }], 'billing');
    expect(list).toHaveLength(1);
    expect(removeSkill([...list, 'refunds'], 'billing')).toEqual(['refunds']);
  });
});
