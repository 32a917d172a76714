import { describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../../../rules/defaults/defaultRuleSet';
import { describeRule } from '../../../rules/describe/describeRule';
import { diffRuleSets } from '../../../rules/describe/diffRuleSets';
import type { Rule, RuleSet } from '../../../rules/model/ruleSet';
import { defaultRule, makeRule } from './fixtures';

const vipChat = makeRule(
  'vip-chat',
  {
    all: [
      { fact: 'channel', operator: 'equal', value: 'chat' },
      { fact: 'customerTier', operator: 'equal', value: 'premium' },
    ],
  },
  [
    { type: 'setPriority', priority: 1 },
    { type: 'route', queue: 'VIP', skills: [] },
    {
      type: 'setPromise',
      acknowledgeMinutes: 0,
      firstResponseMinutes: 1,
      resolutionMinutes: null,
      businessHours: false,
      calendarId: 'default',
    },
  ],
);

describe('describeRule', () => {
  it('says a rule in one French or English sentence', () => {
    expect(describeRule(vipChat, 'fr')).toBe(
      'Quand canal est Chat et statut client est Premium → priorité 1, file VIP, réponse sous 1 min',
    );
    expect(describeRule(vipChat, 'en')).toBe(
      'When channel is Chat and customer tier is Premium → priority 1, queue VIP, first response within 1 min',
    );
  });

  it('nests groups in parentheses, negates, and words values by type', () => {
    const rule = makeRule(
      'r',
      {
        any: [
          { fact: 'angerScore', operator: 'greaterThanInclusive', value: 0.5 },
          {
            all: [
              { fact: 'text', operator: 'containsAnyWord', value: ['litige', 'avocat'] },
              { not: { fact: 'callbackRequested', operator: 'equal', value: true } },
            ],
          },
          { fact: 'minutesWaiting', operator: 'between', value: [60, 2880] },
          { fact: 'lastContactAt', operator: 'withinLast', value: 10080 },
        ],
      },
      [
        { type: 'raisePriority', steps: 2 },
        { type: 'tag', tags: ['dispute', 'legal'] },
        { type: 'deflect', to: 'selfcare' },
      ],
      { enabled: false },
    );
    expect(describeRule(rule, 'fr')).toBe(
      "(désactivée) Quand score de colère est au moins 0.5 ou (texte du message contient « litige » ou « avocat » et non (rappel demandé est oui)) ou attente (minutes) est entre 1 h et 48 h ou contact précédent le date de moins de 7 jours → priorité relevée de 2, étiquettes dispute, legal, selfcare d'abord",
    );
    expect(describeRule(rule, 'en')).toContain(
      '(message text contains "litige" or "avocat" and not (callback requested is yes))',
    );
    expect(describeRule(rule, 'en')).toContain('previous contact at is within the last 7 days');
  });

  it('describes the default rule and business-hour promises', () => {
    expect(describeRule(defaultRule, 'en')).toMatch(
      /^In every other case → priority 3, queue general, first response within 24 h/,
    );
    const mail = defaultRuleSet.rules.find((r) => r.id === 'promise-mail') as Rule;
    expect(describeRule(mail, 'fr')).toBe(
      'Quand canal est Courrier → réponse sous 45 h (heures ouvrées)',
    );
  });

  it('does not choke on unknown facts or operators', () => {
    const rule = makeRule(
      'r',
      { all: [{ fact: 'colour', operator: 'looksLike', value: 'red' }] },
      [],
    );
    expect(describeRule(rule, 'en')).toBe('When colour looksLike "red" → nothing');
  });
});

describe('diffRuleSets', () => {
  const base: RuleSet = {
    id: 'rs',
    name: { fr: 'RS', en: 'RS' },
    version: 1,
    rules: [vipChat, defaultRule],
  };

  it('finds nothing between identical rule sets, whatever the key order', () => {
    const copy = JSON.parse(JSON.stringify(base)) as RuleSet;
    copy.rules[0] = {
      ...copy.rules[0]!,
      actions: copy.rules[0]!.actions.map(
        (a) => Object.fromEntries(Object.entries(a).reverse()) as never,
      ),
    };
    expect(diffRuleSets(base, copy)).toEqual({ added: [], removed: [], changed: [], summary: [] });
  });

  it('lists added, removed and changed rules in plain language', () => {
    const tagChat = makeRule(
      'tag-chat',
      { all: [{ fact: 'channel', operator: 'equal', value: 'chat' }] },
      [{ type: 'tag', tags: ['chat'] }],
    );
    const changed: Rule = { ...vipChat, actions: [{ type: 'setPriority', priority: 2 }] };
    const diff = diffRuleSets(
      base,
      { ...base, version: 2, rules: [tagChat, changed, defaultRule] },
      'en',
    );
    expect(diff.added).toEqual([
      { ruleId: 'tag-chat', text: 'Rule tag-chat : When channel is Chat → tag chat' },
    ]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([
      {
        ruleId: 'vip-chat',
        fields: ['actions'],
        before: expect.stringContaining('priority 1, queue VIP'),
        after: 'Rule vip-chat : When channel is Chat and customer tier is Premium → priority 2',
      },
    ]);
    expect(diff.summary).toEqual([
      'Added — Rule tag-chat : When channel is Chat → tag chat',
      expect.stringMatching(/^Changed — .*priority 1.* ⇒ .*priority 2$/),
    ]);
    const back = diffRuleSets({ ...base, rules: [tagChat, vipChat, defaultRule] }, base, 'fr');
    expect(back.removed.map((r) => r.ruleId)).toEqual(['tag-chat']);
    expect(back.summary[0]).toMatch(/^Supprimée — Règle tag-chat/);
  });

  it('reports renamed, disabled and moved rules', () => {
    const other = makeRule(
      'other',
      { all: [{ fact: 'openCases', operator: 'greaterThan', value: 2 }] },
      [{ type: 'tag', tags: ['busy'] }],
    );
    const a: RuleSet = { ...base, rules: [vipChat, other, defaultRule] };
    const b: RuleSet = {
      ...base,
      rules: [
        { ...other, name: { fr: 'Autre', en: 'Other' } },
        { ...vipChat, enabled: false },
        defaultRule,
      ],
    };
    const diff = diffRuleSets(a, b, 'en');
    expect(diff.changed.map((c) => [c.ruleId, c.fields])).toEqual([
      ['other', ['name', 'position']],
      ['vip-chat', ['enabled', 'position']],
    ]);
    expect(diff.summary[0]).toBe(
      'Changed — Rule other : When open cases is more than 2 → tag busy ⇒ Other : When open cases is more than 2 → tag busy',
    );
  });
});
