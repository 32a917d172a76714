import { describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../../rules/defaults/defaultRuleSet';
import type { CaseWorld } from '../support/caseWorld';
import { withCaseWorld } from '../support/caseWorld';
import { customerProfile, inboundMessage } from '../support/messages';
import { eventually } from '../support/relaisWorker';

/** The rule set versions that decided a case, in the order of its messages. */
async function versions(w: CaseWorld, caseId: string, count: number): Promise<number[]> {
  return eventually(async () => {
    const docs = await w.stores.decisions.forCase(caseId);
    return docs.length >= count && docs.map((d) => d.result.decision.ruleSetVersion);
  }, `${count} decision(s) of case ${caseId}`);
}

describe('rule set version of a running case', () => {
  it('decides a follow-up with the version of the first decision, not a newer one', () =>
    withCaseWorld(async (w) => {
      const customer = customerProfile();
      const caseId = await w.send(customer, inboundMessage({ channel: 'email' }));
      await w.waitForStatus(caseId, 'queued');
      expect(await versions(w, caseId, 1)).toEqual([1]);

      await w.stores.ruleSets.publish(structuredClone(defaultRuleSet), {
        author: 'test',
        comment: 'version 2',
      });
      // New contacts take version 2 as soon as the worker sees it (it re-reads every few seconds).
      await eventually(async () => {
        const other = await w.send(
          customerProfile({ email: 'paul.durand@exemple.fr' }),
          inboundMessage({ channel: 'email' }),
        );
        return (await versions(w, other, 1))[0] === 2;
      }, 'a new case decided with version 2');

      await w.send(
        customer,
        inboundMessage({ channel: 'email', subject: 'Re: facture', text: 'Toujours rien ?' }),
      );
      expect(await versions(w, caseId, 2)).toEqual([1, 1]);
    }));
});
