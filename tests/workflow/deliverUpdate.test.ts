import { WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { describe, expect, it } from 'vitest';
import {
  customerWorkflowId,
  defaultHistoryEventBudget,
  deliverUpdate,
} from '../../workflows/contracts/customer';
import type { InboundEnvelope } from '../../workflows/contracts/messages';
import { withCaseWorld } from '../support/caseWorld';
import { customerProfile, inboundMessage } from '../support/messages';
import { eventually } from '../support/relaisWorker';

const { EventType } = temporal.api.enums.v1;

describe('the deliver update', () => {
  it('answers every message of a burst with its case, across continue-as-new', () =>
    withCaseWorld(async (w) => {
      const customer = customerProfile();
      const budget = 40;
      const caseId = await w.send(customer, inboundMessage(), budget);
      const firstRun = (await w.customer(customer.customerId).describe()).runId;
      const burst = Array.from({ length: 16 }, () => inboundMessage({ channel: 'email' }));
      const answers = await Promise.all(burst.map((m) => w.send(customer, m, budget)));
      expect(answers).toEqual(burst.map(() => caseId));
      const run = await w.customer(customer.customerId).describe();
      expect(run.runId).not.toBe(firstRun);
      const state = await eventually(async () => {
        const s = await w.state(caseId);
        return s.messages.length === burst.length + 1 && s;
      }, 'every message of the burst in the case');
      expect(new Set(state.messages.map((m) => m.messageId)).size).toBe(burst.length + 1);
    }));

  it('answers with the new case in the workflow task that starts it, before the child has started', () =>
    withCaseWorld(async (w) => {
      const customer = customerProfile();
      const caseId = await w.send(customer, inboundMessage());
      await w.settled(caseId, customer.customerId);
      const events = (await w.customer(customer.customerId).fetchHistory()).events ?? [];
      const at = (type: number) => events.findIndex((e) => e.eventType === type);
      const answered = at(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED);
      expect(answered).toBeGreaterThan(
        at(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED),
      );
      expect(answered).toBeLessThan(at(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED));
    }));

  it('refuses a malformed message without queueing it', () =>
    withCaseWorld(async (w) => {
      const customer = customerProfile();
      const workflowId = customerWorkflowId(customer.customerId);
      w.started.add(workflowId);
      const malformed = { customer, message: { ...inboundMessage(), channel: 'fax' } };
      const delivering = w.env.client.workflow.executeUpdateWithStart(deliverUpdate, {
        args: [malformed as unknown as InboundEnvelope],
        startWorkflowOperation: new WithStartWorkflowOperation('customerWorkflow', {
          workflowId,
          taskQueue: w.t.taskQueue,
          args: [
            {
              customer,
              openCases: [],
              recentMessages: [],
              recentlyClosed: [],
              historyEventBudget: defaultHistoryEventBudget,
            },
          ],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      });
      await expect(delivering).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      // A valid message after it opens the customer's only case: the refused one was not queued.
      const caseId = await w.send(customer, inboundMessage());
      expect(await w.openCases(customer.customerId)).toEqual([expect.objectContaining({ caseId })]);
    }));
});
