import { temporal } from '@temporalio/proto';
import { describe, expect, it } from 'vitest';
import { ensureRouter } from '../../worker/routing/handOver';
import { routerWorkflowIdFor } from '../../workflows/contracts/routing';
import { withCaseWorld } from '../support/caseWorld';
import { activityRun } from '../support/historyActivities';
import { customerProfile, inboundMessage } from '../support/messages';

const { EventType } = temporal.api.enums.v1;
type History = temporal.api.history.v1.IHistory;

/**
 * What a case's history shows up to the completion of the activity that wrote its task, and the
 * workflow tasks done when that activity was scheduled (the decision made).
 */
function untilTaskWritten(history: History) {
  const events = history.events ?? [];
  const scheduled = new Map<string, string>();
  const activities: string[] = [];
  let workflowTasks = 0;
  let decidedAfter: number | null = null;
  for (const [i, e] of events.entries()) {
    if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) workflowTasks += 1;
    const name = activityRun(e);
    if (name) {
      scheduled.set(String(e.eventId), name);
      activities.push(name);
      if (name === 'runSteps') decidedAfter ??= workflowTasks;
    }
    const done = e.activityTaskCompletedEventAttributes;
    const doneName = done && scheduled.get(String(done.scheduledEventId));
    if (doneName === 'syncTask' || doneName === 'runSteps')
      return { events: i + 1, workflowTasks, activities, decidedAfter };
  }
  throw new Error('no activity wrote the task');
}

describe('a light intake', () => {
  // Before the 'light-intake' patch: 38 events, 6 workflow tasks and 6 activities (recordEvent,
  // decideCase, recordEvent, sendMessage, recordEvent, syncTask) before the task was written.
  it('writes the task after a local decision and one activity, in half the history of step-by-step intake', () =>
    withCaseWorld(async (w) => {
      // Running, as the worker starts it: the case signals it from its workflow (no activity).
      await ensureRouter(w.env.client, w.t.taskQueue);
      w.started.add(routerWorkflowIdFor(w.t.taskQueue));
      const customer = customerProfile();
      const message = inboundMessage();
      const caseId = await w.send(customer, message);
      await w.waitForEvents(caseId, 'task-created');
      await w.settled(caseId);

      const budget = untilTaskWritten(await w.caseHandle(caseId).fetchHistory());
      expect(budget.activities).toEqual(['decideCase (local)', 'runSteps']);
      // The decision is made and the writes scheduled in the case's first workflow task: a
      // scheduled decideCase took a second one, woken by its completion.
      expect(budget.decidedAfter).toBe(1);
      // 19 events and 2 workflow tasks before 'route-at-decision'; its marker, the signal to the
      // router and the workflow task its answer wakes made 25 and 3. Deciding locally
      // ('decide-local') makes it 22 and 2, or 25 and 3 when the signal's answer wakes the case
      // before runSteps is done, as on a busy machine.
      expect(budget.events).toBeLessThanOrEqual(25);
      expect(budget.workflowTasks).toBeLessThanOrEqual(3);

      // The timeline users see: the same events, keys and order as step by step.
      const events = await w.events(caseId);
      expect(events.map((e) => [e.type, e.key.replace(/^.*:event:/, '')])).toEqual([
        ['case-opened', '00001'],
        ['decided', '00002'],
        ['acknowledged', '00003'],
        ['task-created', '00004'],
      ]);
      expect(events[0]!.data).toMatchObject({ messageId: message.messageId, channel: 'webform' });
      const task = await w.stores.tasks.get(caseId);
      expect(task).toMatchObject({ status: 'queued', queue: events[3]!.data.queue });
      expect(events[1]!.data.dueAt).toBe(task!.dueAt);
      const [ack] = await w.outbox(caseId);
      expect(ack).toMatchObject({ kind: 'acknowledgement', text: events[2]!.data.text });
      // The opening event counted as a contact before the decision read the history facts.
      const stats = await w.stores.customerStats.get(customer.customerId);
      expect(stats?.contacts.map((c) => c.messageId)).toEqual([message.messageId]);
      expect(stats?.openCaseIds).toEqual([caseId]);
    }));
});
