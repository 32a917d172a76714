import { describe, expect, it } from 'vitest';
import { checkRuleSet } from '../../../rules/checks/checkRuleSet';
import { decide } from '../../../rules/engine/decide';
import { describeAction } from '../../../rules/describe/describeAction';
import { defaultRuleSet } from '../../../rules/defaults/defaultRuleSet';
import { DecisionSchema } from '../../../rules/model/decision';
import { RuleSetSchema } from '../../../rules/model/ruleSet';
import { type SkillOutput, skillName, skillOutputText } from '../../../rules/model/skillOutput';
import { toSkillRequirement } from '../../../workflows/contracts/routing';
import { defaultRule, makeFacts, makeRule, makeRuleSet, when } from './fixtures';

const tag = [{ type: 'tag' as const, tags: ['t'] }];

describe('skills in rule outputs', () => {
  it('decides with plain skill names, as rule sets stored before skill levels hold them', async () => {
    // A stored rule set as JSON, parsed as the store parses it.
    const stored = RuleSetSchema.parse(JSON.parse(JSON.stringify(defaultRuleSet)));
    const decision = await decide(stored, makeFacts({ category: 'billing' }));
    expect(decision.skills).toEqual(['billing']);
    expect(DecisionSchema.parse(JSON.parse(JSON.stringify(decision)))).toEqual(decision);
  });

  it('decides with a minimum level and an optional flag, filling the defaults of a bare object', async () => {
    const parsed = RuleSetSchema.parse(
      makeRuleSet([
        makeRule('chat', when('channel', 'equal', 'chat'), [
          {
            type: 'route',
            queue: 'live',
            // As a hand-written file may give it: level and optional left to their defaults.
            skills: [
              'french',
              { skill: 'billing', minLevel: 3, optional: true },
              { skill: 'vip' } as SkillOutput,
            ],
          },
        ]),
      ]),
    );
    const decision = await decide(parsed, makeFacts({ channel: 'chat' }));
    expect(decision.skills).toEqual([
      'french',
      { skill: 'billing', minLevel: 3, optional: true },
      { skill: 'vip', minLevel: 1, optional: false },
    ]);
    expect(decision.skills.map(skillName)).toEqual(['french', 'billing', 'vip']);
    expect(decision.skills.map(toSkillRequirement)).toEqual([
      { skill: 'french', minLevel: 1, optional: false },
      { skill: 'billing', minLevel: 3, optional: true },
      { skill: 'vip', minLevel: 1, optional: false },
    ]);
  });

  it('refuses a level outside 1–5', () => {
    const ruleSet = makeRuleSet([
      makeRule('a', when('channel', 'equal', 'chat'), [
        { type: 'route', queue: 'live', skills: [{ skill: 'billing', minLevel: 6 }] },
      ] as never),
    ]);
    expect(RuleSetSchema.safeParse(ruleSet).success).toBe(false);
  });

  it('words a skill with its level and whether it is optional', () => {
    const skills = ['french', { skill: 'billing', minLevel: 3, optional: true }];
    expect(skills.map((s) => skillOutputText(s, 'en'))).toEqual([
      'french',
      'billing ≥ 3 (optional)',
    ]);
    expect(describeAction({ type: 'route', queue: 'live', skills }, 'fr')).toBe(
      'file live (compétences : french, billing ≥ 3 (facultative))',
    );
  });
});

describe('routing catalogue checks', () => {
  const ruleSet = makeRuleSet([
    makeRule('a', when('channel', 'equal', 'chat'), [
      { type: 'route', queue: 'live', skills: ['chat', { skill: 'vip', minLevel: 2 }] },
    ] as never),
    makeRule('b', when('channel', 'equal', 'sms'), [
      {
        type: 'setEscalation',
        warnAtRatio: 0.8,
        levels: [
          {
            afterBreachMinutes: 0,
            boostPriority: 1,
            moveToQueue: 'nowhere',
            notifySupervisor: false,
          },
        ],
      },
      ...tag,
    ]),
    defaultRule,
  ]);
  const parsed = RuleSetSchema.parse(ruleSet);
  const codes = (queues: string[], skills: string[], severity: 'error' | 'warning') =>
    checkRuleSet(parsed, undefined, { queues, skills, severity })
      .filter((i) => i.code === 'UNKNOWN_QUEUE' || i.code === 'UNKNOWN_SKILL')
      .map((i) => [i.severity, i.code, i.ruleId, i.message.en]);

  it('names each queue and skill the catalogue does not hold, routed or escalated to', () => {
    const general = parsed.rules.at(-1)!.actions.find((a) => a.type === 'route')!;
    const queue = general.type === 'route' ? general.queue : '';
    expect(codes([queue, 'live'], ['chat'], 'error')).toEqual([
      ['error', 'UNKNOWN_SKILL', 'a', expect.stringContaining('"vip"')],
      ['error', 'UNKNOWN_QUEUE', 'b', expect.stringContaining('"nowhere"')],
    ]);
    expect(codes([queue, 'live', 'nowhere'], ['chat', 'vip'], 'warning')).toEqual([]);
  });

  it('gives the severity asked for, and checks nothing without a catalogue', () => {
    expect(codes([], [], 'warning').map(([severity]) => severity)).toEqual(
      expect.arrayContaining(['warning']),
    );
    expect(codes([], [], 'warning').every(([severity]) => severity === 'warning')).toBe(true);
    expect(
      checkRuleSet(parsed).filter((i) => i.code === 'UNKNOWN_QUEUE' || i.code === 'UNKNOWN_SKILL'),
    ).toEqual([]);
  });
});
