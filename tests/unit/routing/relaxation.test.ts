import { describe, expect, it } from 'vitest';
import {
  dueRelaxations,
  nextRelaxationAt,
  relaxedRequirements,
} from '../../../workflows/routing/relaxation';
import { at, waiting, workItem } from './fixtures';

const relaxation = { lowerLevelsAfterSeconds: 120, levelDrop: 2, dropOptionalAfterSeconds: 300 };
const item = workItem('c1', {
  skills: [
    { skill: 'billing', minLevel: 4, optional: false },
    { skill: 'b2b', minLevel: 2, optional: true },
  ],
});

describe('skill relaxation', () => {
  it('lowers levels after the first wait, drops optional skills after the second', () => {
    expect(dueRelaxations(waiting(item), relaxation, at(119))).toEqual([]);
    expect(dueRelaxations(waiting(item), relaxation, at(120))).toEqual(['levels-lowered']);
    expect(dueRelaxations(waiting(item), relaxation, at(300))).toEqual([
      'levels-lowered',
      'optional-dropped',
    ]);
    const lowered = waiting(item, { relaxed: ['levels-lowered'] });
    expect(dueRelaxations(lowered, relaxation, at(200))).toEqual([]);
  });

  it('says when the next step falls due, null when none is left or configured', () => {
    expect(nextRelaxationAt(waiting(item), relaxation)).toEqual(at(120));
    expect(nextRelaxationAt(waiting(item, { relaxed: ['levels-lowered'] }), relaxation)).toEqual(
      at(300),
    );
    const none = { lowerLevelsAfterSeconds: null, levelDrop: 1, dropOptionalAfterSeconds: null };
    expect(nextRelaxationAt(waiting(item), none)).toBeNull();
  });

  it('applies the steps taken to the requirements, never below level 1', () => {
    expect(relaxedRequirements(waiting(item), relaxation)).toEqual(item.skills);
    expect(relaxedRequirements(waiting(item, { relaxed: ['levels-lowered'] }), relaxation)).toEqual(
      [
        { skill: 'billing', minLevel: 2, optional: false },
        { skill: 'b2b', minLevel: 1, optional: true },
      ],
    );
    expect(
      relaxedRequirements(
        waiting(item, { relaxed: ['levels-lowered', 'optional-dropped'] }),
        relaxation,
      ),
    ).toEqual([{ skill: 'billing', minLevel: 2, optional: false }]);
  });
});
