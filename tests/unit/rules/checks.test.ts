import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../../rules/calendar/defaultCalendar';
import { checkRuleSet } from '../../../rules/checks/checkRuleSet';
import { implies } from '../../../rules/checks/implication';
import { IssueSchema } from '../../../rules/checks/issue';
import { compileRuleSet } from '../../../rules/engine/compileRuleSet';
import { decide } from '../../../rules/engine/decide';
import { defaultRuleSet } from '../../../rules/defaults/defaultRuleSet';
import type { Action } from '../../../rules/model/actions';
import type { GroupCondition, LeafCondition } from '../../../rules/model/conditions';
import { compileLeaf } from '../../../rules/operators/compileLeaf';
import { defaultRule, makeFacts, makeRule, makeRuleSet, when } from './fixtures';

const tag: Action[] = [{ type: 'tag', tags: ['t'] }];
const priority = (p: 1 | 2 | 3 | 4 | 5): Action => ({ type: 'setPriority', priority: p });
const codes = (rules: Parameters<typeof makeRuleSet>[0]) =>
  checkRuleSet(makeRuleSet(rules)).map((issue) => [
    issue.severity,
    issue.code,
    issue.ruleId,
    issue.path,
  ]);

describe('checkRuleSet', () => {
  it('finds nothing wrong with the default rule set', () => {
    expect(checkRuleSet(defaultRuleSet)).toEqual([]);
  });

  it('reports unknown facts and operators, with the rule and the path', () => {
    const rule = makeRule(
      'r',
      { all: [{ any: [{ fact: 'colour', operator: 'equal', value: 'red' }] }] },
      tag,
    );
    const issues = checkRuleSet(
      makeRuleSet([rule, makeRule('s', when('text', 'looksLike', 'x'), tag)]),
    );
    expect(issues.map((i) => [i.code, i.ruleId, i.path])).toEqual([
      ['UNKNOWN_FACT', 'r', 'all[0].any[0]'],
      ['UNKNOWN_OPERATOR', 's', 'all[0]'],
    ]);
    for (const issue of issues) {
      expect(IssueSchema.parse(issue)).toEqual(issue);
      expect(issue.message.fr).not.toEqual(issue.message.en);
    }
    expect(issues[0]?.message.en).toContain('colour');
  });

  it('reports operators that do not fit the fact and values of the wrong type or outside the enum', () => {
    expect(
      codes([
        makeRule('a', when('channel', 'greaterThan', 3), tag),
        makeRule('b', when('openCases', 'equal', 'three'), tag),
        makeRule('c', when('customerTier', 'in', ['gold']), tag),
        makeRule('d', when('minutesWaiting', 'between', [10, 1]), tag),
      ]),
    ).toEqual([
      ['error', 'OPERATOR_NOT_FOR_FACT', 'a', 'all[0]'],
      ['error', 'INVALID_VALUE', 'b', 'all[0]'],
      ['error', 'INVALID_VALUE', 'c', 'all[0]'],
      ['error', 'INVALID_VALUE', 'd', 'all[0]'],
    ]);
  });

  it('warns about numbers outside the range of the fact', () => {
    expect(codes([makeRule('a', when('angerScore', 'greaterThan', 5), tag)])).toEqual([
      ['warning', 'VALUE_OUT_OF_RANGE', 'a', 'all[0]'],
    ]);
  });

  it('reports invalid and unsafe regular expressions and unknown calendars', () => {
    expect(
      codes([
        makeRule('a', when('text', 'matchesPattern', '([a-z]+)*$'), tag),
        makeRule('b', when('subject', 'matchesPattern', '[unclosed'), tag),
        makeRule('c', when('receivedAt', 'inBusinessHours', 'mars'), tag),
      ]),
    ).toEqual([
      ['error', 'UNSAFE_REGEX', 'a', 'all[0]'],
      ['error', 'INVALID_REGEX', 'b', 'all[0]'],
      ['error', 'UNKNOWN_CALENDAR', 'c', 'all[0]'],
    ]);
    const mars = { ...defaultCalendar, id: 'mars' };
    const ruleSet = makeRuleSet([
      makeRule('c', when('receivedAt', 'inBusinessHours', 'mars'), tag),
    ]);
    expect(checkRuleSet(ruleSet, [mars])).toEqual([]);
  });

  it('reports empty groups, at the root and nested', () => {
    expect(
      codes([
        makeRule('a', { all: [] }, tag),
        makeRule(
          'b',
          { all: [{ fact: 'openCases', operator: 'equal', value: 1 }, { any: [] }] },
          tag,
        ),
      ]),
    ).toEqual([
      ['error', 'EMPTY_GROUP', 'a', ''],
      ['error', 'EMPTY_GROUP', 'b', 'all[1]'],
    ]);
  });

  it('warns about rules without actions and rejects duplicate ids', () => {
    expect(
      codes([
        makeRule('a', when('openCases', 'equal', 1), []),
        makeRule('a', when('openCases', 'equal', 2), tag),
      ]),
    ).toEqual([
      ['error', 'DUPLICATE_RULE_ID', 'a', ''],
      ['warning', 'NO_ACTIONS', 'a', ''],
    ]);
  });

  describe('shadowing', () => {
    const chat = { fact: 'channel', operator: 'equal', value: 'chat' } as const;
    const vip = { fact: 'customerTier', operator: 'equal', value: 'vip' } as const;

    it('reports a rule with identical conditions that sets the same outputs', () => {
      expect(
        codes([
          makeRule('a', { all: [chat] }, [priority(1)]),
          makeRule('b', { all: [chat] }, [priority(2)]),
        ]),
      ).toEqual([['warning', 'RULE_SHADOWED', 'b', '']]);
    });

    it('reports a rule whose conditions include all of an earlier rule’s', () => {
      const issues = checkRuleSet(
        makeRuleSet([
          makeRule('a', { all: [chat] }, [priority(1)]),
          makeRule('b', { all: [vip, chat] }, [priority(2)]),
        ]),
      );
      expect(issues).toMatchObject([{ code: 'RULE_SHADOWED', ruleId: 'b' }]);
      expect(issues[0]?.message.en).toContain('"Rule a"');
      expect(issues[0]?.message.fr).toContain('la priorité');
    });

    it('understands narrower lists and stricter bounds', () => {
      expect(
        codes([
          makeRule('a', when('channel', 'in', ['chat', 'email']), [priority(1)]),
          makeRule('b', when('channel', 'equal', 'chat'), [priority(2)]),
          makeRule('c', when('angerScore', 'greaterThan', 0.5), [priority(1)]),
          makeRule('d', when('angerScore', 'greaterThanInclusive', 0.8), [priority(2)]),
          makeRule('e', when('angerScore', 'greaterThan', 0.4), [priority(2)]),
        ]),
      ).toEqual([
        ['warning', 'RULE_SHADOWED', 'b', ''],
        ['warning', 'RULE_SHADOWED', 'd', ''],
      ]);
    });

    it('reports only the lost outputs when the later rule still does something', () => {
      expect(
        codes([
          makeRule('a', { all: [chat] }, [priority(1)]),
          makeRule('b', { all: [chat, vip] }, [priority(2), { type: 'tag', tags: ['x'] }]),
        ]),
      ).toEqual([['warning', 'OUTPUT_SHADOWED', 'b', '']]);
    });

    it('does not report stronger earlier rules, other outputs or disabled rules', () => {
      expect(
        codes([
          makeRule('a', { all: [chat, vip] }, [priority(1)]),
          makeRule('b', { all: [chat] }, [priority(2)]),
          makeRule('c', { all: [chat] }, [{ type: 'deflect', to: 'selfcare' }]),
          makeRule('d', { all: [vip] }, [priority(1)], { enabled: false }),
          makeRule('e', { all: [vip] }, [priority(2)]),
          makeRule('f', { not: chat }, [{ type: 'setReopenWindow', days: 1 }]),
          makeRule('g', { not: chat }, tag),
        ]),
      ).toEqual([]);
    });
  });

  describe('default rule', () => {
    const other = makeRule('a', when('openCases', 'equal', 1), [priority(1)]);

    it('reports a missing default and the outputs no rule sets', () => {
      const issues = checkRuleSet({ ...makeRuleSet([]), rules: [other] });
      expect(issues.map((i) => i.code)).toEqual([
        'NO_DEFAULT_RULE',
        ...Array(7).fill('OUTPUT_NEVER_SET'),
      ]);
      expect(issues.some((i) => i.message.en.includes('the priority'))).toBe(false);
    });

    it('reports a default that is not last, disabled, conditional or incomplete', () => {
      const ruleSet = makeRuleSet([]);
      ruleSet.rules = [
        {
          ...defaultRule,
          enabled: false,
          conditions: {
            all: [{ fact: 'openCases', operator: 'equal', value: 1 }],
          } as GroupCondition,
          actions: defaultRule.actions.filter((a) => a.type !== 'setSurvey'),
        },
        other,
      ];
      expect(checkRuleSet(ruleSet).map((i) => [i.code, i.ruleId])).toEqual([
        ['DEFAULT_NOT_LAST', 'default'],
        ['DEFAULT_DISABLED', 'default'],
        ['DEFAULT_HAS_CONDITIONS', 'default'],
        ['OUTPUT_NEVER_SET', 'default'],
      ]);
    });
  });
});

describe('implication (property)', () => {
  const env = { calendars: new Map() };
  const numericLeaf = fc.oneof(
    fc
      .record({
        operator: fc.constantFrom(
          'equal',
          'lessThan',
          'lessThanInclusive',
          'greaterThan',
          'greaterThanInclusive',
        ),
        value: fc.integer({ min: 0, max: 10 }),
      })
      .map(({ operator, value }): LeafCondition => ({ fact: 'openCases', operator, value })),
    fc
      .tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }))
      .map(([a, b]): LeafCondition => ({
        fact: 'openCases',
        operator: 'between',
        value: [Math.min(a, b), Math.max(a, b)],
      })),
    fc
      .uniqueArray(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 4 })
      .map((value): LeafCondition => ({ fact: 'openCases', operator: 'in', value })),
  );

  it('is sound: when b implies a, every value satisfying b satisfies a', () => {
    fc.assert(
      fc.property(numericLeaf, numericLeaf, (b, a) => {
        fc.pre(implies(b, a));
        const pb = compileLeaf(b, env).predicate;
        const pa = compileLeaf(a, env).predicate;
        for (let x = -1; x <= 11; x += 0.5) if (pb(x)) expect(pa(x)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('holds for a conjunction against any subset of it', () => {
    fc.assert(
      fc.property(
        fc.array(numericLeaf, { minLength: 1, maxLength: 4 }),
        fc.nat(),
        (leaves, seed) => {
          const subset = leaves.filter((_, i) => (seed >> i) & 1);
          expect(implies({ all: leaves }, { all: subset })).toBe(true);
        },
      ),
    );
  });
});

describe('checks and decide agree (property)', () => {
  const ruleArb = fc.oneof(
    fc.constant(makeRule('ok', when('channel', 'equal', 'chat'), [priority(1)])),
    fc.constant(makeRule('bad-fact', when('colour', 'equal', 'red'), tag)),
    fc.constant(makeRule('bad-regex', when('text', 'matchesPattern', '(a+)+$'), tag)),
    fc.constant(defaultRule),
    fc.constant({ ...defaultRule, enabled: false }),
    fc.constant({ ...defaultRule, actions: defaultRule.actions.slice(2) }),
    fc.constant({ ...defaultRule, conditions: when('channel', 'equal', 'chat') }),
  );

  it('decide never throws for a rule set the checks find no error in, and refuses one they reject', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ruleArb, { maxLength: 4 }), async (rules) => {
        const ruleSet = { ...makeRuleSet([]), version: 0, rules };
        const errors = checkRuleSet(ruleSet).filter((i) => i.severity === 'error');
        const compiles = (() => {
          try {
            compileRuleSet(ruleSet);
            return true;
          } catch {
            return false;
          }
        })();
        if (errors.length === 0) {
          expect(compiles).toBe(true);
          await expect(decide(ruleSet, makeFacts())).resolves.toBeDefined();
        }
        if (!compiles) expect(errors.length).toBeGreaterThan(0);
      }),
    );
  });
});
