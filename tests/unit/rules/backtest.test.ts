import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BacktestContact, backtest } from '../../../rules/backtest/backtest';
import { compileRuleSet } from '../../../rules/engine/compileRuleSet';
import { defaultRuleSet } from '../../../rules/defaults/defaultRuleSet';
import { channels } from '../../../rules/model/channel';
import type { RuleSet } from '../../../rules/model/ruleSet';
import { makeFacts, makeRule } from './fixtures';

const factsArb = fc
  .record({
    channel: fc.constantFrom(...channels),
    customerTier: fc.constantFrom('standard' as const, 'premium' as const, 'vip' as const),
    customerSegment: fc.constantFrom('B2C' as const, 'B2B' as const),
    angerScore: fc.double({ min: 0, max: 1, noNaN: true }),
    text: fc.constantFrom(
      'Ma facture est fausse',
      'Où est mon colis ?',
      'Bonjour',
      'I need a quote',
    ),
  })
  .map((f) => makeFacts(f));

async function contactsFor(
  ruleSet: RuleSet,
  count: number,
  seed: number,
): Promise<BacktestContact[]> {
  const compiled = compileRuleSet(ruleSet);
  const facts = fc.sample(factsArb, { numRuns: count, seed });
  return Promise.all(
    facts.map(async (f, i) => ({
      caseId: `case-${i}`,
      facts: f,
      decision: await compiled.decide(f),
    })),
  );
}

/** The default rules with premium and VIP chats sent to a VIP queue at priority 1, placed first. */
const draft: RuleSet = {
  ...defaultRuleSet,
  version: 0,
  rules: [
    makeRule(
      'vip-chat',
      {
        all: [
          { fact: 'channel', operator: 'equal', value: 'chat' },
          { fact: 'customerTier', operator: 'in', value: ['premium', 'vip'] },
        ],
      },
      [
        { type: 'setPriority', priority: 1 },
        { type: 'route', queue: 'vip', skills: ['vip'] },
      ],
    ),
    ...defaultRuleSet.rules,
  ],
};

describe('backtest', () => {
  it('reports no change for the rule set that made the decisions', async () => {
    const contacts = await contactsFor(defaultRuleSet, 200, 1);
    const report = backtest(defaultRuleSet, null, contacts);
    expect(report).toMatchObject({ cases: 200, changed: 0, casesWithRuleErrors: 0 });
    expect(report.outputs.queue).toEqual({ changed: 0, examples: [] });
  });

  it('counts exactly the contacts a draft would change, with examples and responsible rules', async () => {
    const contacts = await contactsFor(defaultRuleSet, 500, 2);
    const report = backtest(draft, defaultRuleSet, contacts, { examples: 3 });
    const vipChats = contacts.filter(
      (c) => c.facts.channel === 'chat' && c.facts.customerTier !== 'standard',
    );
    const rerouted = vipChats.filter((c) => c.decision.queue !== 'vip');
    expect(vipChats.length).toBeGreaterThan(0);
    expect(report.outputs.queue.changed).toBe(rerouted.length);
    expect(report.outputs.promise.changed).toBe(0);
    expect(report.changed).toBe(
      vipChats.filter((c) => c.decision.queue !== 'vip' || c.decision.priority !== 1).length,
    );
    expect(report.outputs.queue.examples).toHaveLength(Math.min(3, rerouted.length));
    const example = report.outputs.queue.examples[0]!;
    expect(example).toMatchObject({ after: 'vip', afterRuleIds: ['vip-chat'] });
    expect(example.before).toBe(contacts.find((c) => c.caseId === example.caseId)?.decision.queue);
    expect(example.beforeRuleIds).toEqual([expect.stringMatching(/^(route-|default)/)]);
  });

  it('names the rules behind a priority, raises included', async () => {
    const contacts = await contactsFor(defaultRuleSet, 300, 3);
    const report = backtest(draft, null, contacts, { examples: 50 });
    const raised = report.outputs.priority.examples.find((e) => e.before === 2);
    expect(raised).toMatchObject({
      after: 1,
      beforeRuleIds: ['default', 'premium'],
      afterRuleIds: ['vip-chat', 'premium'],
    });
  });

  it('replays a case decided twice once, on the first (latest) of its entries', async () => {
    const [latest, other, older] = await contactsFor(defaultRuleSet, 3, 6);
    if (!latest || !other || !older) throw new Error('three contacts expected');
    const vipChat = makeFacts({ channel: 'chat', customerTier: 'vip' });
    const contacts = [
      { ...latest, caseId: 'case-a', facts: vipChat },
      other,
      { ...older, caseId: 'case-a' },
    ];

    const report = backtest(draft, defaultRuleSet, contacts, { examples: 10 });

    expect(report.cases).toBe(2);
    const examples = report.outputs.queue.examples.map((e) => e.caseId);
    expect(examples.filter((id) => id === 'case-a')).toHaveLength(1);
    expect(report.outputs.queue.examples.find((e) => e.caseId === 'case-a')?.after).toBe('vip');
  });

  it('counts contacts whose stored facts lack a fact the draft needs', async () => {
    const contacts = await contactsFor(defaultRuleSet, 20, 4);
    const old = contacts.map((c) => {
      const facts: Record<string, unknown> = { ...c.facts };
      delete facts.angerScore;
      return { ...c, facts: facts as never };
    });
    const report = backtest(defaultRuleSet, null, old);
    expect(report.casesWithRuleErrors).toBe(20);
  });

  it('handles 10,000 generated contacts', async () => {
    const contacts = await contactsFor(defaultRuleSet, 10_000, 5);
    const started = performance.now();
    const report = backtest(draft, defaultRuleSet, contacts);
    console.info(`backtest: 10,000 contacts in ${Math.round(performance.now() - started)} ms`);
    expect(report.cases).toBe(10_000);
    expect(report.outputs.queue.changed).toBeGreaterThan(0);
  }, 60_000);
});
