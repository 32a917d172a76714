import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../../rules/calendar/defaultCalendar';
import { decide } from '../../../rules/engine/decide';
import { RulesError, type RulesErrorCode } from '../../../rules/errors';
import { factCatalogue, findFact } from '../../../rules/facts/catalogue';
import type { ConditionValue } from '../../../rules/model/conditions';
import { compileLeaf } from '../../../rules/operators/compileLeaf';
import { operators, operatorsFor } from '../../../rules/operators/registry';
import { makeFacts, makeRule, makeRuleSet, when } from './fixtures';

const env = { calendars: new Map([[defaultCalendar.id, defaultCalendar]]) };
const predicate = (fact: string, operator: string, value: ConditionValue) =>
  compileLeaf({ fact, operator, value }, env).predicate;

function codeOf(fn: () => unknown): RulesErrorCode | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof RulesError) return error.code;
    throw error;
  }
  return undefined;
}

describe('operator registry', () => {
  it('declares every operator with labels and fact types, once', () => {
    expect(new Set(operators.map((op) => op.name)).size).toBe(operators.length);
    for (const op of operators) {
      expect(op.labels.fr && op.labels.en).toBeTruthy();
      expect(op.factTypes.length).toBeGreaterThan(0);
    }
  });

  it('offers operators by fact type', () => {
    const names = (fact: string) => operatorsFor(findFact(fact)!).map((op) => op.name);
    expect(names('text')).toEqual(expect.arrayContaining(['containsAnyWord', 'matchesPattern']));
    expect(names('text')).not.toContain('lessThan');
    expect(names('receivedAt')).toEqual(['withinLast', 'olderThan', 'inBusinessHours']);
    expect(names('angerScore')).toContain('between');
    for (const fact of factCatalogue) expect(operatorsFor(fact).length).toBeGreaterThan(0);
  });

  it('refuses unknown facts and operators and operators that do not fit the fact, with codes', () => {
    expect(codeOf(() => predicate('nope', 'equal', 1))).toBe('UNKNOWN_FACT');
    expect(codeOf(() => predicate('text', 'startsWith', 'a'))).toBe('UNKNOWN_OPERATOR');
    expect(codeOf(() => predicate('text', 'lessThan', 3))).toBe('OPERATOR_NOT_FOR_FACT');
    expect(codeOf(() => predicate('channel', 'containsAnyWord', ['chat']))).toBe(
      'OPERATOR_NOT_FOR_FACT',
    );
  });
});

describe('equal / notEqual', () => {
  it('compares with a value of the fact type', () => {
    expect(predicate('channel', 'equal', 'chat')('chat')).toBe(true);
    expect(predicate('channel', 'equal', 'chat')('email')).toBe(false);
    expect(predicate('channel', 'notEqual', 'chat')('email')).toBe(true);
    expect(predicate('callbackRequested', 'equal', true)(true)).toBe(true);
    expect(predicate('previousChannel', 'equal', null)(null)).toBe(true);
  });

  it('refuses values outside the enum or of another type', () => {
    expect(codeOf(() => predicate('channel', 'equal', 'fax'))).toBe('INVALID_VALUE');
    expect(codeOf(() => predicate('openCases', 'equal', '3'))).toBe('INVALID_VALUE');
    expect(codeOf(() => predicate('channel', 'equal', null))).toBe('INVALID_VALUE');
    expect(codeOf(() => predicate('callbackRequested', 'equal', 'yes'))).toBe('INVALID_VALUE');
  });

  it('notEqual is the negation of equal (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (a, b) => {
        expect(predicate('openCases', 'notEqual', b)(a)).toBe(
          !predicate('openCases', 'equal', b)(a),
        );
      }),
    );
  });
});

describe('in / notIn', () => {
  it('tests membership; a null fact is in no list', () => {
    expect(predicate('channel', 'in', ['chat', 'phone'])('phone')).toBe(true);
    expect(predicate('channel', 'in', ['chat', 'phone'])('email')).toBe(false);
    expect(predicate('previousChannel', 'notIn', ['chat'])(null)).toBe(true);
    expect(predicate('previousChannel', 'in', ['chat'])(null)).toBe(false);
  });

  it('refuses empty lists and foreign values', () => {
    expect(codeOf(() => predicate('channel', 'in', []))).toBe('INVALID_VALUE');
    expect(codeOf(() => predicate('channel', 'in', ['chat', 'fax']))).toBe('INVALID_VALUE');
    expect(codeOf(() => predicate('channel', 'in', 'chat'))).toBe('INVALID_VALUE');
  });

  it('agrees with Array.includes and notIn negates in (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1 }),
        fc.integer({ min: 0, max: 9 }),
        (list, x) => {
          expect(predicate('openCases', 'in', list)(x)).toBe(list.includes(x));
          expect(predicate('openCases', 'notIn', list)(x)).toBe(!list.includes(x));
        },
      ),
    );
  });
});

describe('lessThan, greaterThan and their inclusive forms', () => {
  const cases = [
    ['lessThan', (a: number, b: number) => a < b],
    ['lessThanInclusive', (a: number, b: number) => a <= b],
    ['greaterThan', (a: number, b: number) => a > b],
    ['greaterThanInclusive', (a: number, b: number) => a >= b],
  ] as const;

  it.each(cases)('%s matches the arithmetic comparison (property)', (operator, compare) => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (a, b) => {
          expect(predicate('angerScore', operator, b)(a)).toBe(compare(a, b));
        },
      ),
    );
  });

  it('is false for null or non-numbers and refuses non-numeric bounds', () => {
    expect(predicate('lastCsat', 'lessThan', 5)(null)).toBe(false);
    expect(predicate('lastCsat', 'greaterThan', -1)('3')).toBe(false);
    expect(codeOf(() => predicate('lastCsat', 'lessThan', '5'))).toBe('INVALID_VALUE');
  });
});

describe('between', () => {
  it('is inclusive on both ends (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), fc.integer(), (x, a, b) => {
        const [min, max] = a <= b ? [a, b] : [b, a];
        expect(predicate('minutesWaiting', 'between', [min, max])(x)).toBe(min <= x && x <= max);
      }),
    );
  });

  it('refuses reversed or malformed bounds', () => {
    expect(codeOf(() => predicate('minutesWaiting', 'between', [5, 1]))).toBe('INVALID_VALUE');
    expect(codeOf(() => predicate('minutesWaiting', 'between', [1]))).toBe('INVALID_VALUE');
    expect(codeOf(() => predicate('minutesWaiting', 'between', 3))).toBe('INVALID_VALUE');
  });
});

describe('containsAnyWord', () => {
  const contains = (words: string[]) => predicate('text', 'containsAnyWord', words);

  it('ignores case and accents and respects word boundaries', () => {
    expect(contains(['résilier'])('Je veux RESILIER mon contrat')).toBe(true);
    expect(contains(['resilier'])('Je veux résilier.')).toBe(true);
    expect(contains(['court'])('Thanks for the courtesy')).toBe(false);
    expect(contains(['court'])('I will see you in court!')).toBe(true);
    expect(contains(['avocat'])("J'appelle l'avocat")).toBe(true);
    expect(contains(['œuvre'])('Une OEUVRE')).toBe(true);
  });

  it('matches phrases word by word and prefixes written with *', () => {
    expect(contains(['mise en demeure'])('une mise  en\ndemeure')).toBe(true);
    expect(contains(['mise en demeure'])('mise en place, demeure')).toBe(false);
    expect(contains(['factur*'])('la facturation de mars')).toBe(true);
    expect(contains(['factur*'])('une préfacture')).toBe(false);
    expect(contains(['a', 'b'])(42)).toBe(false);
  });

  it('refuses an empty list or words without letters', () => {
    expect(codeOf(() => contains([]))).toBe('INVALID_VALUE');
    expect(codeOf(() => contains(['  ']))).toBe('INVALID_VALUE');
  });

  it('finds any word surrounded by separators, in any case (property)', () => {
    const word = fc.string({ unit: fc.constantFrom(...'abcdeéèàç'), minLength: 1, maxLength: 8 });
    const filler = fc.array(
      fc.string({ unit: fc.constantFrom(...'xyz'), minLength: 1, maxLength: 5 }),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(
        word,
        filler,
        filler,
        fc.constantFrom(' ', ', ', '\n', "'", '!'),
        (w, before, after, sep) => {
          const text = [...before, w.toUpperCase(), ...after].join(sep);
          expect(contains([w])(text)).toBe(true);
          expect(contains([`${w}q`])(text)).toBe(false);
        },
      ),
    );
  });
});

describe('matchesPattern', () => {
  it('tests a case-insensitive regular expression', () => {
    expect(predicate('text', 'matchesPattern', '^\\s*stop\\s*$')(' Stop ')).toBe(true);
    expect(predicate('text', 'matchesPattern', 'commande \\d{5}')('Ma COMMANDE 55190')).toBe(true);
    expect(predicate('text', 'matchesPattern', 'commande \\d{5}')('commande 12')).toBe(false);
  });

  it('refuses invalid and catastrophically backtracking patterns', () => {
    expect(codeOf(() => predicate('text', 'matchesPattern', '(unclosed'))).toBe('INVALID_REGEX');
    expect(codeOf(() => predicate('text', 'matchesPattern', '(a+)+$'))).toBe('UNSAFE_REGEX');
    expect(codeOf(() => predicate('text', 'matchesPattern', '(x|x)*y'))).toBe(undefined);
    expect(codeOf(() => predicate('text', 'matchesPattern', '([a-z]*)*$'))).toBe('UNSAFE_REGEX');
  });
});

describe('withinLast / olderThan', () => {
  const receivedAt = '2026-03-10T10:00:00.000Z';
  const ago = (minutes: number) =>
    new Date(Date.parse(receivedAt) - minutes * 60_000).toISOString();
  const fires = async (operator: string, limit: number, lastContactAt: string | null) => {
    const rule = makeRule('r', when('lastContactAt', operator, limit), [
      { type: 'tag', tags: ['hit'] },
    ]);
    const decision = await decide(makeRuleSet([rule]), makeFacts({ receivedAt, lastContactAt }));
    return decision.tags.includes('hit');
  };

  it('compares the time before receivedAt with a duration in minutes', async () => {
    expect(await fires('withinLast', 60, ago(30))).toBe(true);
    expect(await fires('withinLast', 60, ago(90))).toBe(false);
    expect(await fires('olderThan', 60, ago(90))).toBe(true);
    expect(await fires('olderThan', 60, ago(30))).toBe(false);
    expect(await fires('withinLast', 60, ago(-5))).toBe(false);
    expect(await fires('withinLast', 60, null)).toBe(false);
    expect(await fires('olderThan', 60, null)).toBe(false);
  });

  it('partition every past time (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        async (minutes, limit) => {
          expect(await fires('withinLast', limit, ago(minutes))).toBe(minutes <= limit);
          expect(await fires('olderThan', limit, ago(minutes))).toBe(minutes > limit);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('refuses a non-positive duration', () => {
    expect(codeOf(() => predicate('receivedAt', 'withinLast', 0))).toBe('INVALID_VALUE');
    expect(codeOf(() => predicate('receivedAt', 'olderThan', 'PT1H'))).toBe('INVALID_VALUE');
  });
});

describe('inBusinessHours', () => {
  const open = predicate('receivedAt', 'inBusinessHours', 'default');

  it('uses the named calendar', () => {
    expect(open('2026-03-10T10:00:00+01:00')).toBe(true); // Tuesday 10:00 in Paris
    expect(open('2026-03-10T19:00:00+01:00')).toBe(false);
    expect(open('2026-03-15T10:00:00+01:00')).toBe(false); // Sunday
    expect(open('not a date')).toBe(false);
    expect(open(null)).toBe(false);
  });

  it('refuses an unknown calendar', () => {
    expect(codeOf(() => predicate('receivedAt', 'inBusinessHours', 'mars'))).toBe(
      'UNKNOWN_CALENDAR',
    );
  });
});
