import { describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../../rules/defaults/defaultRuleSet';
import type { RuleSet } from '../../rules/model/ruleSet';
import type { Stores } from '../../worker/store/stores';
import { claimUpdate, replyUpdate } from '../../workflows/contracts/case';
import { between, expectNear, withCaseWorld } from '../support/caseWorld';
import { customerProfile, inboundMessage } from '../support/messages';

const second = 1000;

/** The default rule set with its chat promise cut to 30 seconds, published as version 2. */
async function publishThirtySecondChat(stores: Stores): Promise<void> {
  const ruleSet: RuleSet = structuredClone(defaultRuleSet);
  const chat = ruleSet.rules.find((r) => r.id === 'promise-chat')!;
  for (const action of chat.actions)
    if (action.type === 'setPromise') action.firstResponseMinutes = 0.5;
  await stores.ruleSets.publish(ruleSet, { author: 'test', comment: 'chat within 30 s' });
}

describe('a 30-second chat promise', () => {
  it('is published, told to the customer in seconds, and kept by a reply at 20 s', () =>
    withCaseWorld(async (w) => {
      const caseId = await w.send(customerProfile(), inboundMessage({ channel: 'chat' }));
      const state = await w.waitForStatus(caseId, 'queued');
      expect(state.decision?.promise.firstResponseMinutes).toBe(0.5);
      expect(between(state.openedAt, state.dueAt!)).toBe(30 * second);
      await w.settled(caseId);
      const [ack] = await w.outbox(caseId);
      expect(ack?.text).toContain('30 secondes');

      await w.sleep(20 * second);
      const handle = w.caseHandle(caseId);
      await handle.executeUpdate(claimUpdate, { args: [{ agentId: 'ana' }] });
      await handle.executeUpdate(replyUpdate, { args: [{ agentId: 'ana', text: 'Bonjour !' }] });
      const [met] = await w.waitForEvents(caseId, 'promise-met');
      expect(met).toBeDefined();
      await w.sleep(60 * second);
      await w.settled(caseId);
      expect(await w.types(caseId)).not.toContain('promise-breached');
    }, publishThirtySecondChat));

  it('breaches 30 seconds after the contact when nobody answers', () =>
    withCaseWorld(async (w) => {
      const caseId = await w.send(customerProfile(), inboundMessage({ channel: 'chat' }));
      const state = await w.waitForStatus(caseId, 'queued');
      await w.settled(caseId);
      await w.sleep(20 * second);
      await w.settled(caseId);
      expect(await w.types(caseId)).not.toContain('promise-breached');
      await w.sleep(20 * second);
      const [breach] = await w.waitForEvents(caseId, 'promise-breached');
      expect(breach!.data.promise).toBe('first-response');
      expectNear(between(state.openedAt, breach!.at), 30 * second);
    }, publishThirtySecondChat));
});
