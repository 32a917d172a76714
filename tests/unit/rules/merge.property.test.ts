import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecider } from '../../../rules/engine/Decider';
import type { Action } from '../../../rules/model/actions';
import { DecisionOutputsSchema, DecisionSchema } from '../../../rules/model/decision';
import type { Facts } from '../../../rules/model/facts';
import type { Rule } from '../../../rules/model/ruleSet';
import { defaultActions, makeFacts, makeRule, makeRuleSet, when } from './fixtures';

const channels = ['chat', 'email', 'phone'] as const;
const tiers = ['standard', 'premium', 'vip'] as const;

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.integer({ min: 1, max: 5 }).map((priority) => ({ type: 'setPriority' as const, priority })),
  fc.integer({ min: 1, max: 4 }).map((steps) => ({ type: 'raisePriority' as const, steps })),
  fc
    .constantFrom('a', 'b', 'c')
    .map((queue) => ({ type: 'route' as const, queue, skills: [queue] })),
  fc.constantFrom('t1', 't2').map((template) => ({ type: 'setAckTemplate' as const, template })),
  fc.subarray(['x', 'y', 'z'], { minLength: 1 }).map((tags) => ({ type: 'tag' as const, tags })),
  fc.constantFrom('selfcare', 'chatbot').map((to) => ({ type: 'deflect' as const, to })),
);

const ruleArb = (id: string): fc.Arbitrary<Rule> =>
  fc
    .record({
      fact: fc.constantFrom('channel', 'customerTier'),
      channel: fc.constantFrom(...channels),
      tier: fc.constantFrom(...tiers),
      enabled: fc.boolean(),
      actions: fc.array(actionArb, { maxLength: 4 }),
    })
    .map(({ fact, channel, tier, enabled, actions }) =>
      makeRule(id, when(fact, 'equal', fact === 'channel' ? channel : tier), actions, { enabled }),
    );

const rulesArb = fc
  .integer({ min: 0, max: 8 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => ruleArb(`r${i}`))));
const factsArb = fc
  .record({ channel: fc.constantFrom(...channels), customerTier: fc.constantFrom(...tiers) })
  .map((f) => makeFacts(f));

/** The merge semantics written out plainly, as the oracle. */
function expected(rules: Rule[], facts: Facts) {
  const condition = (rule: Rule) => {
    const leaf = (rule.conditions as { all: { fact: keyof Facts; value: unknown }[] }).all[0];
    return leaf !== undefined && facts[leaf.fact] === leaf.value;
  };
  const fired = [
    ...rules.filter((r) => r.enabled && condition(r)),
    { id: 'default', actions: defaultActions },
  ];
  const first = <T extends Action['type']>(type: T) => {
    for (const rule of fired) {
      const action = rule.actions.find((a) => a.type === type);
      if (action) return { action: action as Extract<Action, { type: T }>, by: rule.id };
    }
    throw new Error('the default sets everything');
  };
  const raise = fired
    .flatMap((r) => r.actions)
    .reduce((sum, a) => sum + (a.type === 'raisePriority' ? a.steps : 0), 0);
  const tags = [
    ...new Set(fired.flatMap((r) => r.actions).flatMap((a) => (a.type === 'tag' ? a.tags : []))),
  ];
  return {
    priority: Math.max(1, Math.min(5, first('setPriority').action.priority - raise)),
    queue: first('route').action.queue,
    ackTemplate: first('setAckTemplate').action.template,
    deflect: first('deflect').action.to,
    tags,
    setBy: {
      priority: first('setPriority').by,
      queue: first('route').by,
      deflect: first('deflect').by,
    },
  };
}

describe('merge semantics (property)', () => {
  const decider = createDecider();

  it('first fired rule wins per output, tags accumulate, raises compose, the default fills the rest', async () => {
    await fc.assert(
      fc.asyncProperty(rulesArb, factsArb, async (rules, facts) => {
        const decision = await decider.decide(makeRuleSet(rules, 0), facts);
        const { setBy, ...outputs } = expected(rules, facts);
        expect(DecisionSchema.safeParse(decision).success).toBe(true);
        expect(decision).toMatchObject(outputs);
        expect(decision.tags).toEqual(outputs.tags);
        expect(decision.explanation.outputs).toMatchObject(setBy);
      }),
      { numRuns: 300 },
    );
  });

  it('adding a disabled rule anywhere changes no output', async () => {
    await fc.assert(
      fc.asyncProperty(
        rulesArb,
        ruleArb('off'),
        fc.nat(),
        factsArb,
        async (rules, extra, at, facts) => {
          const withDisabled = [...rules];
          withDisabled.splice(at % (rules.length + 1), 0, { ...extra, enabled: false });
          const a = await decider.decide(makeRuleSet(rules, 0), facts);
          const b = await decider.decide(makeRuleSet(withDisabled, 0), facts);
          expect(DecisionOutputsSchema.parse(b)).toEqual(DecisionOutputsSchema.parse(a));
        },
      ),
      { numRuns: 100 },
    );
  });
});
