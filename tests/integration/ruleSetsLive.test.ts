import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decision } from '../../rules/model/decision';
import { caseStateQuery, type CaseSnapshot } from '../../workflows/contracts/case';
import { caseWorkflowId } from '../../workflows/contracts/customer';
import { receiveInbound } from '../../worker/inbound/receive';
import { RuleSetService } from '../../worker/rules/ruleSetService';
import { customerProfile, inboundMessage } from '../support/messages';
import { addQueues } from '../support/catalogueFixtures';
import { startDevStack, type DevStack } from '../support/devStack';
import { eventually, type RelaisTestWorker } from '../support/relaisWorker';

const manager = { id: 'manager', role: 'manager' } as const;
/** How long the worker's RuleProvider trusts the version it last read, plus a margin. */
const providerRefreshMs = 2_000 + 200;

let stack: DevStack;
let client: Client;
let relais: RelaisTestWorker;

beforeAll(async () => {
  stack = await startDevStack();
  ({ client, relais } = stack);
});

afterAll(() => stack?.stop());

/** A new billing contact from a new customer; resolves once its case has decided. */
async function billingContact(): Promise<{ caseId: string; decision: Decision }> {
  const profile = customerProfile({ email: `client-${randomUUID().slice(0, 8)}@exemple.fr` });
  const { customerId: _id, email, phone, handle, ...newCustomer } = profile;
  const { caseId } = await receiveInbound(
    { stores: relais.stores, client, taskQueue: relais.taskQueue },
    { email, phone, handle },
    newCustomer,
    inboundMessage(),
  );
  if (!caseId) throw new Error('the customer workflow did not open a case');
  const decision = await eventually(
    async () => (await caseState(caseId)).decision,
    `the decision of case ${caseId}`,
  );
  return { caseId, decision };
}

const caseState = (caseId: string): Promise<CaseSnapshot> =>
  client.workflow.getHandle(caseWorkflowId(caseId)).query(caseStateQuery);

describe('publishing a rule set on a running system', () => {
  it('changes the next decision and leaves earlier cases with the version that decided them', async () => {
    const first = await billingContact();
    expect(first.decision).toMatchObject({ ruleSetVersion: 1, queue: 'billing' });
    const storedBefore = await relais.stores.decisions.forCase(first.caseId);
    expect(storedBefore.map((d) => d.result.decision.ruleSetVersion)).toEqual([1]);

    const service = new RuleSetService(relais.mongo.db);
    await addQueues(relais.mongo.db, 'billing-v2');
    const draft = await service.getDraft('default');
    await service.saveDraft(
      {
        ...draft,
        rules: draft.rules.map((rule) =>
          rule.id === 'route-billing'
            ? { ...rule, actions: [{ type: 'route', queue: 'billing-v2', skills: [] }] }
            : rule,
        ),
      },
      manager,
    );
    await service.publish('default', manager, 'Billing moves to billing-v2');
    await new Promise((resolve) => setTimeout(resolve, providerRefreshMs));

    const second = await billingContact();

    expect(second.decision).toMatchObject({ ruleSetVersion: 2, queue: 'billing-v2' });
    expect(second.decision.explanation.outputs.queue).toBe('route-billing');
    const firstNow = await caseState(first.caseId);
    expect(firstNow.decision).toEqual(first.decision);
    expect(firstNow.queue).toBe('billing');
    expect(await relais.stores.decisions.forCase(first.caseId)).toEqual(storedBefore);
  });
});
