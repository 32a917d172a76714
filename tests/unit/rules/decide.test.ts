import { describe, expect, it } from 'vitest';
import type { Calendar } from '../../../rules/model/calendar';
import { DecisionSchema } from '../../../rules/model/decision';
import { compileRuleSet } from '../../../rules/engine/compileRuleSet';
import { createDecider } from '../../../rules/engine/Decider';
import { decide, ruleMetrics } from '../../../rules/engine/decide';
import { RulesError } from '../../../rules/errors';
import { defaultRule, makeFacts, makeRule, makeRuleSet, when } from './fixtures';

const chatFirst = makeRule('chat', when('channel', 'equal', 'chat'), [
  { type: 'setPriority', priority: 2 },
  { type: 'route', queue: 'live', skills: ['chat'] },
  { type: 'tag', tags: ['live'] },
]);
const chatLater = makeRule('chat-later', when('channel', 'equal', 'chat'), [
  { type: 'setPriority', priority: 4 },
  { type: 'setAckTemplate', template: 'ack-chat' },
  { type: 'tag', tags: ['live', 'second'] },
]);
const vipRaise = makeRule('vip', when('customerTier', 'equal', 'vip'), [
  { type: 'raisePriority', steps: 2 },
  { type: 'tag', tags: ['vip'] },
]);

describe('decide: merge semantics', () => {
  const ruleSet = makeRuleSet([chatFirst, chatLater, vipRaise]);

  it('takes each single-valued output from the first fired rule and the rest from the default', async () => {
    const decision = await decide(ruleSet, makeFacts({ channel: 'chat' }));
    expect(DecisionSchema.parse(decision)).toEqual(decision);
    expect(decision.priority).toBe(2);
    expect(decision.queue).toBe('live');
    expect(decision.skills).toEqual(['chat']);
    expect(decision.ackTemplate).toBe('ack-chat');
    expect(decision.reopenWindowDays).toBe(7);
    expect(decision.explanation.outputs).toMatchObject({
      priority: 'chat',
      queue: 'chat',
      skills: 'chat',
      ackTemplate: 'chat-later',
      promise: 'default',
      deflect: 'default',
    });
  });

  it('accumulates tags in rule order without duplicates', async () => {
    const decision = await decide(ruleSet, makeFacts({ channel: 'chat', customerTier: 'vip' }));
    expect(decision.tags).toEqual(['live', 'second', 'vip']);
    expect(decision.explanation.contributors?.tags).toEqual(['chat', 'chat-later', 'vip']);
  });

  it('raises the winning priority and clamps at 1', async () => {
    expect((await decide(ruleSet, makeFacts({ customerTier: 'vip' }))).priority).toBe(1);
    const decision = await decide(ruleSet, makeFacts({ channel: 'chat', customerTier: 'vip' }));
    expect(decision.priority).toBe(1);
    expect(decision.explanation.contributors?.priority).toEqual(['vip']);
  });

  it('uses the default rule alone when nothing else fires', async () => {
    const decision = await decide(ruleSet, makeFacts());
    expect(decision.priority).toBe(3);
    expect(decision.queue).toBe('general');
    expect(decision.tags).toEqual([]);
    expect(new Set(Object.values(decision.explanation.outputs))).toEqual(new Set(['default']));
  });

  it('skips disabled rules', async () => {
    const disabled = makeRuleSet([{ ...chatFirst, enabled: false }]);
    const decision = await decide(disabled, makeFacts({ channel: 'chat' }));
    expect(decision.queue).toBe('general');
    expect(decision.explanation.rules[0]).toMatchObject({ enabled: false, fired: false });
  });

  it('records the rule set id and version', async () => {
    const decision = await decide(makeRuleSet([], 7, 'rs'), makeFacts());
    expect([decision.ruleSetId, decision.ruleSetVersion]).toEqual(['rs', 7]);
  });
});

describe('decide: explanation', () => {
  it('traces every leaf with its path, value, fact value and result', async () => {
    const rule = makeRule(
      'nested',
      {
        all: [
          { fact: 'channel', operator: 'equal', value: 'chat' },
          {
            any: [
              { fact: 'angerScore', operator: 'greaterThan', value: 0.5 },
              { not: { fact: 'customerTier', operator: 'equal', value: 'standard' } },
            ],
          },
        ],
      },
      [{ type: 'tag', tags: ['x'] }],
    );
    const decision = await decide(
      makeRuleSet([rule]),
      makeFacts({ channel: 'chat', angerScore: 0.2, customerTier: 'vip' }),
    );
    const trace = decision.explanation.rules[0];
    expect(trace).toMatchObject({
      ruleId: 'nested',
      ruleName: 'Règle nested',
      fired: true,
      error: null,
    });
    expect(trace?.conditions).toEqual([
      {
        path: 'all[0]',
        fact: 'channel',
        operator: 'equal',
        value: 'chat',
        factValue: 'chat',
        result: true,
      },
      {
        path: 'all[1].any[0]',
        fact: 'angerScore',
        operator: 'greaterThan',
        value: 0.5,
        factValue: 0.2,
        result: false,
      },
      {
        path: 'all[1].any[1].not',
        fact: 'customerTier',
        operator: 'equal',
        value: 'standard',
        factValue: 'vip',
        result: false,
      },
    ]);
    expect(decision.explanation.rules.at(-1)).toMatchObject({ ruleId: 'default', fired: true });
  });

  it('reports rules that did not fire', async () => {
    const decision = await decide(makeRuleSet([chatFirst]), makeFacts({ channel: 'email' }));
    expect(decision.explanation.rules[0]).toMatchObject({ fired: false });
    expect(decision.explanation.rules[0]?.conditions[0]).toMatchObject({
      factValue: 'email',
      result: false,
    });
  });
});

describe('decide: failing rules', () => {
  it('treats a rule reading a missing fact as not fired, records the error and counts it', async () => {
    const before = ruleMetrics.ruleErrors;
    const facts = makeFacts({ channel: 'chat' }) as Record<string, unknown>;
    delete facts.channel;
    const decision = await decide(makeRuleSet([chatFirst, vipRaise]), facts as never);
    expect(decision.queue).toBe('general');
    expect(decision.explanation.rules[0]).toMatchObject({
      fired: false,
      error: expect.stringContaining('MISSING_FACT'),
    });
    expect(decision.explanation.errors).toEqual([
      expect.stringMatching(/^MISSING_FACT chat: .*channel/),
    ]);
    expect(ruleMetrics.ruleErrors).toBe(before + 1);
    expect(ruleMetrics.errorsByCode.MISSING_FACT).toBeGreaterThan(0);
  });

  it('reads an absent nullable fact as null rather than missing', async () => {
    const facts = makeFacts() as Record<string, unknown>;
    delete facts.lastContactAt;
    const rule = makeRule('recent', when('lastContactAt', 'withinLast', 60), [
      { type: 'tag', tags: ['r'] },
    ]);
    const decision = await decide(makeRuleSet([rule]), facts as never);
    expect(decision.explanation.errors).toEqual([]);
    expect(decision.explanation.rules[0]).toMatchObject({ fired: false, error: null });
  });

  it('keeps a rule that does not compile out of the decision, with its code', async () => {
    const broken = makeRule('broken', when('nope', 'equal', 1), [
      { type: 'setPriority', priority: 1 },
    ]);
    const unsafe = makeRule('unsafe', when('text', 'matchesPattern', '(a+)+$'), [
      { type: 'setPriority', priority: 1 },
    ]);
    const decision = await decide(makeRuleSet([broken, unsafe]), makeFacts());
    expect(decision.priority).toBe(3);
    expect(decision.explanation.errors).toEqual([
      expect.stringMatching(/^UNKNOWN_FACT broken: all\[0\]: Unknown fact "nope"/),
      expect.stringMatching(/^UNSAFE_REGEX unsafe: all\[0\]/),
    ]);
  });

  it('isolates a rule that throws while evaluating; the others still decide', async () => {
    const badCalendar: Calendar = {
      id: 'broken',
      name: 'Broken',
      timezone: 'Not/AZone',
      weekly: { mon: [{ start: '09:00', end: '18:00' }] },
      holidays: [],
    };
    const throwing = makeRule('hours', when('receivedAt', 'inBusinessHours', 'broken'), [
      { type: 'setPriority', priority: 1 },
    ]);
    const decider = createDecider({ calendars: [badCalendar] });
    const decision = await decider.decide(
      makeRuleSet([throwing, chatFirst]),
      makeFacts({ channel: 'chat' }),
    );
    expect(decision.priority).toBe(2);
    expect(decision.queue).toBe('live');
    expect(decision.explanation.rules[0]).toMatchObject({
      fired: false,
      error: expect.stringContaining('RULE_THREW'),
    });
    expect(decision.explanation.rules[1]).toMatchObject({ fired: true, error: null });
    expect(decider.metrics.errorsByCode).toEqual({ RULE_THREW: 1 });
  });

  it('refuses a rule set without a complete default rule when compiling', () => {
    const noDefault = { ...makeRuleSet([chatFirst]), rules: [chatFirst] };
    expect(() => compileRuleSet(noDefault)).toThrow(RulesError);
    const partial = makeRuleSet([]);
    partial.rules = [{ ...defaultRule, actions: defaultRule.actions.slice(1) }];
    expect(() => compileRuleSet(partial)).toThrow(/does not set setPriority/);
    const conditional = makeRuleSet([]);
    conditional.rules = [{ ...defaultRule, conditions: { not: { all: [] } } }];
    expect(() => compileRuleSet(conditional)).toThrow(/has conditions/);
  });
});

describe('Decider: compile once per published version', () => {
  it('reuses the compiled engines for the same id@version and compiles drafts every time', async () => {
    const decider = createDecider();
    const v1 = makeRuleSet([chatFirst], 1);
    await decider.decide(v1, makeFacts());
    await decider.decide(structuredClone(v1), makeFacts());
    expect(decider.metrics.compilations).toBe(1);
    await decider.decide(makeRuleSet([chatFirst], 2), makeFacts());
    expect(decider.metrics.compilations).toBe(2);
    const draft = makeRuleSet([chatFirst], 0);
    await decider.decide(draft, makeFacts());
    await decider.decide(draft, makeFacts());
    expect(decider.metrics.compilations).toBe(4);
    expect(decider.metrics.decisions).toBe(5);
  });

  it('keeps concurrent decisions apart', async () => {
    const decider = createDecider();
    const ruleSet = makeRuleSet([chatFirst, vipRaise]);
    const inputs = Array.from({ length: 60 }, (_, i) =>
      makeFacts({ channel: i % 2 ? 'chat' : 'email', customerTier: i % 3 ? 'standard' : 'vip' }),
    );
    // Staggered starts, so some runs begin while others are finishing.
    const pending = [];
    for (const [i, facts] of inputs.entries()) {
      pending.push(decider.decide(ruleSet, facts));
      for (let tick = 0; tick < i % 13; tick++) await Promise.resolve();
    }
    const decisions = await Promise.all(pending);
    const sequential = [];
    for (const facts of inputs) sequential.push(await decider.decide(ruleSet, facts));
    expect(decisions.map((d) => [d.queue, d.priority, d.tags])).toEqual(
      sequential.map((d) => [d.queue, d.priority, d.tags]),
    );
    expect(decisions.every((d) => d.explanation.rules.length === 3)).toBe(true);
  });
});
