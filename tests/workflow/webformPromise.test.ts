import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseForMessageQuery,
  customerWorkflowId,
  inboundSignal,
} from '../../workflows/contracts/customer';
import type { TimelineEvent } from '../../workflows/contracts/timeline';
import { customerProfile, inboundMessage } from '../support/messages';
import { createRelaisWorker, eventually } from '../support/relaisWorker';
import { createTimeSkippingEnv } from '../support/timeSkipping';

const hour = 3600_000;
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(async () => {
  await env?.teardown();
});

/**
 * Timers start when the workflow task completes, a few real milliseconds after the workflow
 * time they were computed from; a second of slack still pins "exactly 48 h".
 */
function expectOffset(opened: TimelineEvent, e: TimelineEvent | undefined, ms: number) {
  const offset = new Date(e!.at).getTime() - new Date(opened.at).getTime();
  expect(Math.abs(offset - ms)).toBeLessThan(1000);
}

describe('web-form promise (48 h)', () => {
  it('acknowledges with the promise, then breaches at exactly 48 h and escalates', async () => {
    const t = await createRelaisWorker(env.nativeConnection);
    const customer = customerProfile();
    const message = inboundMessage();
    await t.run(async () => {
      const workflowId = customerWorkflowId(customer.customerId);
      await env.client.workflow.signalWithStart('customerWorkflow', {
        workflowId,
        taskQueue: t.taskQueue,
        args: [
          {
            customer,
            openCases: [],
            recentMessages: [],
            recentlyClosed: [],
            historyEventBudget: 5000,
          },
        ],
        signal: inboundSignal,
        signalArgs: [{ customer, message }],
      });
      const caseId = await eventually(
        () =>
          env.client.workflow.getHandle(workflowId).query(caseForMessageQuery, message.messageId),
        'the message to open a case',
      );
      const task = await eventually(() => t.stores.tasks.get(caseId), 'the task');
      expect(task).toMatchObject({ channel: 'webform', status: 'queued', escalationLevel: 0 });
      const initialPriority = task.priority;

      const [ack] = await t.stores.outbox.forCase(caseId);
      expect(ack?.kind).toBe('acknowledgement');
      expect(ack?.text).toContain('Nous revenons vers vous sous 48 h');

      await env.sleep(47 * hour);
      let events = await t.stores.timeline.forCase(caseId);
      expect(events.map((e) => e.type)).not.toContain('escalated');

      await env.sleep(3 * hour);
      events = await eventually(async () => {
        const all = await t.stores.timeline.forCase(caseId);
        return all.filter((e) => e.type === 'escalated').length >= 2 && all;
      }, 'two escalation levels');

      const opened = events.find((e) => e.type === 'case-opened')!;
      const warning = events.find((e) => e.type === 'promise-warning')!;
      const levels = events.filter((e) => e.type === 'escalated');
      expectOffset(opened, warning, 0.8 * 48 * hour);
      expectOffset(opened, levels[0], 48 * hour);
      expectOffset(opened, levels[1], 49 * hour);
      expect(levels.map((e) => e.data.level)).toEqual([1, 2]);

      const escalated = await eventually(async () => {
        const current = await t.stores.tasks.get(caseId);
        return current && current.escalationLevel === 2 && current;
      }, 'the task projection to show level 2');
      expect(escalated.priority).toBeLessThan(initialPriority);
      expect(escalated.queue).toBe('escalations');
    });
  });
});
