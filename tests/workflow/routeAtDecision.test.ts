import { temporal } from '@temporalio/proto';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ensureRouter } from '../../worker/routing/handOver';
import { createRouterClient, type RouterClient } from '../../worker/routing/routerClient';
import type { Stores } from '../../worker/store/stores';
import type { CaseInput } from '../../workflows/contracts/case';
import { caseWorkflowId, customerWorkflowId } from '../../workflows/contracts/customer';
import { routedAssignmentSignal, routerWorkflowIdFor } from '../../workflows/contracts/routing';
import { type CaseWorld, withCaseWorld } from '../support/caseWorld';
import { storeCustomer } from '../support/customers';
import { activityRun } from '../support/historyActivities';
import { customerProfile, inboundMessage } from '../support/messages';
import { eventually } from '../support/relaisWorker';

const { EventType } = temporal.api.enums.v1;

/** One billing agent, French, one email at a time. */
async function oneAgent(stores: Stores): Promise<void> {
  await stores.users.create(
    {
      _id: 'rd-ana',
      name: 'Ana Décision',
      role: 'agent',
      lang: 'fr',
      routing: {
        skills: [{ skill: 'billing', level: 3 }],
        queues: ['billing', 'general'],
        langs: ['fr'],
        capacity: { voice: 1, chat: 3, email: 1 },
      },
    },
    'route-at-decision-password',
  );
}

async function startRouter(w: CaseWorld): Promise<RouterClient> {
  await ensureRouter(w.env.client, w.t.taskQueue);
  w.started.add(routerWorkflowIdFor(w.t.taskQueue));
  return createRouterClient(w.env.client, w.t.taskQueue);
}

/** How the case reached the router: its signals from the workflow and its hand-over activities. */
async function howRouted(w: CaseWorld, caseId: string) {
  const events = (await w.caseHandle(caseId).fetchHistory()).events ?? [];
  const activities = events.map(activityRun).filter((name): name is string => !!name);
  return {
    signalled: events
      .map((e) => e.signalExternalWorkflowExecutionInitiatedEventAttributes)
      .filter((a) => !!a)
      .map((a) => [a.workflowExecution?.workflowId, a.signalName]),
    signalFailed: events.some(
      (e) => e.eventType === EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED,
    ),
    activities,
  };
}

describe('a case handed to the router as soon as it is decided', () => {
  it('signals the router from its workflow beside the intake writes, and takes the accept after them', () =>
    withCaseWorld(async (w) => {
      const router = await startRouter(w);
      await router.setPresence({ agentId: 'rd-ana', presence: 'available', reason: null });
      const caseId = await w.send(customerProfile(), inboundMessage());
      const offer = await eventually(async () => {
        const s = await router.snapshot();
        return s?.waiting.find((i) => i.caseId === caseId)?.offer;
      }, 'an offer of the case');
      expect(offer.agentId).toBe('rd-ana');
      await router.respondOffer({ agentId: 'rd-ana', offerId: offer.offerId, accept: true });
      expect((await w.waitForStatus(caseId, 'assigned')).assignee).toBe('rd-ana');
      await w.settled(caseId);

      expect(await howRouted(w, caseId)).toEqual({
        signalled: [[routerWorkflowIdFor(w.t.taskQueue), 'routeWork']],
        signalFailed: false,
        activities: ['decideCase (local)', 'runSteps', 'recordEvent', 'syncTask'],
      });
      // The timeline users see is unchanged: the assignment after the intake's entries.
      const types = (await w.types(caseId)).filter((t) => t !== 'offered');
      expect(types).toEqual(['case-opened', 'decided', 'acknowledged', 'task-created', 'assigned']);
      expect(await w.stores.tasks.get(caseId)).toMatchObject({
        status: 'assigned',
        assignee: 'rd-ana',
      });
    }, oneAgent));

  it('starts a router that is not running through the activity, when the signal finds none', () =>
    withCaseWorld(async (w) => {
      const caseId = await w.send(customerProfile(), inboundMessage());
      w.started.add(routerWorkflowIdFor(w.t.taskQueue));
      const router = createRouterClient(w.env.client, w.t.taskQueue);
      await eventually(async () => {
        const s = await router.snapshot().catch(() => null);
        return s?.waiting.some((i) => i.caseId === caseId);
      }, 'the case waiting in a router started on demand');
      await w.settled(caseId);
      const how = await howRouted(w, caseId);
      expect(how.signalFailed).toBe(true);
      expect(how.activities).toEqual(['decideCase (local)', 'runSteps', 'handOverWork']);
    }, oneAgent));

  it('holds an assignment that lands before the intake is done until the task is written', () =>
    withCaseWorld(async (w) => {
      const customer = customerProfile();
      await storeCustomer(w.stores, customer);
      const caseId = `early-${randomUUID()}`;
      const input: CaseInput = {
        caseId,
        customerWorkflowId: customerWorkflowId(customer.customerId),
        customer,
        firstMessage: inboundMessage(),
        linkedCaseId: null,
      };
      w.started.add(caseWorkflowId(caseId));
      w.started.add(routerWorkflowIdFor(w.t.taskQueue));
      // The assignment arrives with the start: before the decision, the acknowledgement, the task.
      await w.env.client.workflow.signalWithStart('caseWorkflow', {
        workflowId: caseWorkflowId(caseId),
        taskQueue: w.t.taskQueue,
        args: [input],
        signal: routedAssignmentSignal,
        signalArgs: [{ agentId: 'rd-ana', offerId: 'early-offer' }],
      });
      expect((await w.waitForStatus(caseId, 'assigned')).assignee).toBe('rd-ana');
      await w.settled(caseId);
      const types = await w.types(caseId);
      expect(types.indexOf('assigned')).toBeGreaterThan(types.indexOf('task-created'));
      expect(await w.stores.tasks.get(caseId)).toMatchObject({
        status: 'assigned',
        assignee: 'rd-ana',
      });
    }, oneAgent));
});
