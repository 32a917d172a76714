import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { recordHistory } from './histories';
import { deliverToCustomer } from '../../worker/inbound/deliver';
import { storeCustomer } from './customers';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { expect } from 'vitest';
import {
  caseStateQuery,
  customerLeftSignal,
  type CaseSnapshot,
} from '../../workflows/contracts/case';
import {
  caseWorkflowId,
  customerWorkflowId,
  defaultHistoryEventBudget,
  openCasesQuery,
} from '../../workflows/contracts/customer';
import type { CustomerProfile, InboundMessage } from '../../workflows/contracts/messages';
import type { TimelineEvent } from '../../workflows/contracts/timeline';
import type { Stores } from '../../worker/store/stores';
import { createRelaisWorker, eventually, type RelaisTestWorker } from './relaisWorker';
import { createTimeSkippingEnv } from './timeSkipping';

export const minute = 60_000;
export const hour = 60 * minute;

/**
 * A customer-contact world on the time-skipping server: the real worker and activities on a fresh
 * FerretDB database, and the helpers tests use to act as customers and agents.
 */
export class CaseWorld {
  /** Workflows this world started, terminated at the end so none holds the shared test clock. */
  readonly started = new Set<string>();

  constructor(
    readonly env: TestWorkflowEnvironment,
    readonly t: RelaisTestWorker,
  ) {}

  get stores(): Stores {
    return this.t.stores;
  }

  /** Delivers a message as the inbound API does (update-with-start), and returns its case id. */
  async send(
    customer: CustomerProfile,
    message: InboundMessage,
    historyEventBudget = defaultHistoryEventBudget,
  ): Promise<string> {
    await storeCustomer(this.stores, customer);
    this.started.add(customerWorkflowId(customer.customerId));
    const caseId = await deliverToCustomer(
      this.env.client,
      this.t.taskQueue,
      customer,
      message,
      historyEventBudget,
    );
    this.started.add(caseWorkflowId(caseId));
    return caseId;
  }

  /**
   * A workflow left running with a timer would stall the time-skipping server once this world's
   * worker is gone (its next task could never complete), so every test ends by terminating them.
   */
  async terminateAll(): Promise<void> {
    await Promise.all(
      [...this.started].map(async (id) => {
        const handle = this.env.client.workflow.getHandle(id);
        await handle.terminate('test finished').catch(() => undefined);
        await recordHistory(id, await handle.fetchHistory());
      }),
    );
  }

  customer(customerId: string): WorkflowHandle {
    return this.env.client.workflow.getHandle(customerWorkflowId(customerId));
  }

  openCases(customerId: string) {
    return this.customer(customerId).query(openCasesQuery);
  }

  caseHandle(caseId: string): WorkflowHandle {
    return this.env.client.workflow.getHandle(caseWorkflowId(caseId));
  }

  state(caseId: string): Promise<CaseSnapshot> {
    return this.caseHandle(caseId).query(caseStateQuery);
  }

  leave(caseId: string, channel: InboundMessage['channel']): Promise<void> {
    return this.caseHandle(caseId).signal(customerLeftSignal, { channel });
  }

  events(caseId: string): Promise<TimelineEvent[]> {
    return this.stores.timeline.forCase(caseId);
  }

  async types(caseId: string): Promise<string[]> {
    return (await this.events(caseId)).map((e) => e.type);
  }

  /** Waits (in real time) until the case's timeline has `count` events of `type`. */
  async waitForEvents(caseId: string, type: string, count = 1): Promise<TimelineEvent[]> {
    return eventually(async () => {
      const found = (await this.events(caseId)).filter((e) => e.type === type);
      return found.length >= count && found;
    }, `${count} "${type}" event(s) on case ${caseId}`);
  }

  /**
   * Waits until the customer's workflow (when given) and then the case's have nothing in flight:
   * no workflow task, activity, signal or child start begun and not finished, so every write they
   * decided on is in the store. A "nothing happened" assertion comes after this: on a busy
   * machine a write can land well after the clock moved or the message was accepted.
   */
  async settled(caseId: string, customerId?: string): Promise<void> {
    const ids = [...(customerId ? [customerWorkflowId(customerId)] : []), caseWorkflowId(caseId)];
    for (const id of ids)
      await eventually(
        async () => inFlight(await this.env.client.workflow.getHandle(id).fetchHistory()) === 0,
        `${id} to have nothing in flight`,
      );
  }

  async waitForStatus(caseId: string, status: CaseSnapshot['status']): Promise<CaseSnapshot> {
    return eventually(async () => {
      const s = await this.state(caseId);
      return s.status === status && s;
    }, `case ${caseId} to be ${status}`);
  }

  /** Advances the test server's clock by `ms` of workflow time. */
  sleep(ms: number): Promise<void> {
    return this.env.sleep(ms);
  }

  outbox(caseId: string) {
    return this.stores.outbox.forCase(caseId);
  }
}

const { EventType } = temporal.api.enums.v1;
const opens = new Set([
  EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
  EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
  EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
  EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
]);
const closes = new Set([
  EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT,
  EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
  EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED,
  EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT,
  EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED,
  EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED,
  EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED,
  EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED,
  EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED,
]);

/** What a history shows begun (tasks, activities, signals, child starts) and not yet finished. */
function inFlight(history: temporal.api.history.v1.IHistory): number {
  let count = 0;
  for (const { eventType } of history.events ?? []) {
    if (eventType == null) continue;
    if (opens.has(eventType)) count += 1;
    else if (closes.has(eventType)) count -= 1;
  }
  return count;
}

/**
 * Runs `body` in a world of its own: a fresh time-skipping server (so no other test's timers or
 * tasks can hold its clock), a fresh database and the real worker.
 */
export async function withCaseWorld(
  body: (world: CaseWorld) => Promise<void>,
  prepare?: (stores: Stores, env: TestWorkflowEnvironment) => Promise<void>,
): Promise<void> {
  const env = await createTimeSkippingEnv();
  try {
    const t = await createRelaisWorker(env.nativeConnection, {
      prepare: prepare && ((stores) => prepare(stores, env)),
    });
    const world = new CaseWorld(env, t);
    try {
      await t.run(() => body(world));
    } finally {
      await world.terminateAll();
    }
  } finally {
    await env.teardown();
  }
}

/** Milliseconds between two ISO instants. */
export const between = (from: string, to: string): number =>
  new Date(to).getTime() - new Date(from).getTime();

/** Timers fire a few real milliseconds after their workflow-time deadline. */
export function expectNear(actualMs: number, expectedMs: number, slackMs = 1000): void {
  expect(Math.abs(actualMs - expectedMs)).toBeLessThan(slackMs);
}
