import {
  condition,
  getExternalWorkflowHandle,
  patched,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Calendar } from '../../rules/model/calendar';
import type { Channel } from '../../rules/model/channel';
import type { Decision } from '../../rules/model/decision';
import type { HandOver, OutboundMessage } from '../contracts/activities';
import type { CaseInput, Lifecycle } from '../contracts/case';
import type { InboundMessage } from '../contracts/messages';
import { routerWorkflowIdFor, routeWorkSignal } from '../contracts/routing';
import type { TimelineEvent } from '../contracts/timeline';
import { searchAttributeKeys } from '../contracts/searchAttributes';
import type { Task } from '../contracts/task';
import { defaultCallbackPolicy, type CallbackPolicy } from '../blocks/callbackPolicy';
import { HandlerLock } from '../blocks/handlerLock';
import { PromiseClock } from '../blocks/promiseClock';
import { StepKeys } from '../blocks/stepKeys';
import { TimelineRecorder } from '../blocks/timeline';
import { workflowNow } from '../lib/clock';
import { acts } from './activities';
import { localActs } from './localActivities';
import { CaseModel } from './caseModel';
import { RouterHold, type RouteHandOver } from './routerHold';

/**
 * Everything a case lifecycle's phases share: the model, the promise clocks, idempotency keys and
 * the few activity calls every phase makes (task projection, timeline, outbound messages).
 */
export class CaseContext {
  readonly model: CaseModel;
  readonly keys: StepKeys;
  readonly timeline: TimelineRecorder;
  readonly callbackPolicy: CallbackPolicy = defaultCallbackPolicy;
  /** Held by every handler that awaits and changes the case, so that they never interleave. */
  readonly lock = new HandlerLock();
  /**
   * Intake writes everything after the decision in one activity, and the opening event rides with
   * the decision (patch 'light-intake'); cases begun before it replay step by step.
   */
  readonly lightIntake: boolean;
  /**
   * Cases hand work to the router (patch 'routing'); cases begun before it stay in the task list
   * for agents to pull, as they were, and replay unchanged.
   */
  readonly routing: boolean;
  /**
   * A routed case's intake signals the router from the workflow as soon as the decision is in,
   * beside the activity that writes the rest (patch 'route-at-decision'); before it, that
   * activity handed the case over last.
   */
  readonly routeAtDecision: boolean;
  /** Decides in a local activity; cases from before 'decide-local' scheduled an activity. */
  readonly decideLocally: boolean;
  readonly hold: RouterHold;
  /** False until an intake has written the task and handed the case to the router. */
  intakeDone = false;
  calendar: Calendar | null = null;
  firstResponseClock: PromiseClock | null = null;
  resolutionClock: PromiseClock | null = null;

  constructor(
    readonly input: CaseInput,
    lifecycle: Lifecycle,
  ) {
    this.lightIntake = patched('light-intake');
    this.model = new CaseModel(input, workflowNow(), lifecycle);
    this.routing = patched('routing');
    this.routeAtDecision = this.routing && patched('route-at-decision');
    this.decideLocally = patched('decide-local');
    this.hold = new RouterHold(this.model);
    this.keys = new StepKeys(workflowInfo().workflowId);
    this.timeline = new TimelineRecorder(acts, this.keys, input.customer.customerId, input.caseId);
  }

  get decision(): Decision {
    if (!this.model.decision) throw new Error('the case has no decision yet');
    return this.model.decision;
  }

  record(...args: Parameters<TimelineRecorder['record']>): Promise<void> {
    return this.timeline.record(...args);
  }

  /** Pushes the main task to the task list and the searchable state to Temporal. */
  async syncTask(): Promise<void> {
    this.publishSearchAttributes();
    const task = this.model.task(workflowNow());
    if (task) await acts.syncTask(task);
  }

  /** The case's searchable state in Temporal (status, channel, priority, queue). */
  publishSearchAttributes(): void {
    const m = this.model;
    upsertSearchAttributes([
      { key: searchAttributeKeys.customerId, value: m.customer.customerId },
      { key: searchAttributeKeys.status, value: m.status },
      { key: searchAttributeKeys.channel, value: m.channel },
      { key: searchAttributeKeys.priority, value: m.priority },
      { key: searchAttributeKeys.queue, value: m.queue },
    ]);
  }

  /**
   * Waits for an intake under way (the first, or after a reopening). A claim or a hand assignment
   * taken meanwhile would be overwritten by the intake's queued task, and its withdrawal could
   * reach the router before the intake's hand-over, which would then offer an assigned case.
   * Cases from before this patch took them at once.
   */
  async afterIntake(): Promise<void> {
    if (patched('assign-after-intake'))
      await condition(() => this.intakeDone && this.model.status !== 'reopened');
  }

  /** Sends the router what the case's change needs, in order, when the case is routed. */
  async handOver(...handOvers: (HandOver | null)[]): Promise<void> {
    const messages = handOvers.filter((h): h is HandOver => h !== null);
    if (this.routing && messages.length > 0) await acts.handOverWork(messages);
  }

  /**
   * Work for the router, signalled from the workflow: no activity to schedule and run first. A
   * router that is not running cannot take a signal, so then the activity's signal-with-start
   * starts it.
   */
  async routeFromWorkflow(handOver: RouteHandOver): Promise<void> {
    try {
      await getExternalWorkflowHandle(routerWorkflowIdFor(workflowInfo().taskQueue)).signal(
        routeWorkSignal,
        handOver.item,
      );
    } catch {
      await acts.handOverWork([handOver]);
    }
  }

  async syncSideTask(task: Task | null): Promise<void> {
    if (task) await acts.syncTask(task);
  }

  /** Sends to the customer on `channel`; the step key makes a retry send nothing more. */
  async send(kind: OutboundMessage['kind'], channel: Channel, text: string): Promise<void> {
    await acts.sendMessage(this.outbound(kind, channel, text));
  }

  /** The next message to the customer, keyed in step order, for an activity to send. */
  outbound(kind: OutboundMessage['kind'], channel: Channel, text: string): OutboundMessage {
    return {
      key: this.keys.next(`send-${kind}`),
      caseId: this.model.caseId,
      customerId: this.model.customer.customerId,
      channel,
      kind,
      to: this.model.addressFor(channel),
      lang: this.model.customer.lang,
      text,
    };
  }

  async notifySupervisor(text: string): Promise<void> {
    await acts.notifySupervisor({
      key: this.keys.next('notify'),
      caseId: this.model.caseId,
      customerId: this.model.customer.customerId,
      queue: this.model.queue ?? 'general',
      text,
    });
    await this.record('supervisor-notified', { text });
  }

  /** `opening`, when given, is recorded by the same activity before it decides. */
  async decide(
    message: InboundMessage,
    reason: 'initial' | 'customer-message',
    opening?: TimelineEvent,
  ) {
    const m = this.model;
    const decideCase = this.decideLocally ? localActs.decideCase : acts.decideCase;
    return decideCase({
      caseId: m.caseId,
      customer: m.customer,
      message,
      previousChannel: m.messages.length > 1 ? m.messages[m.messages.length - 2]!.channel : null,
      channelSwitches: m.channelSwitches(),
      minutesWaiting: Math.max(0, (workflowNow().getTime() - m.openedAt.getTime()) / 60_000),
      reason,
      ruleSetVersion: m.ruleSetVersion,
      ...(opening ? { opening } : {}),
    });
  }

  /** Starts the promise clocks of a decision from `from` (the intake, or a reopening). */
  startPromises(decision: Decision, calendar: Calendar, from: Date): void {
    const p = decision.promise;
    this.calendar = calendar;
    this.firstResponseClock = new PromiseClock(
      p.firstResponseMinutes,
      p.businessHours,
      calendar,
      from,
    );
    this.resolutionClock =
      p.resolutionMinutes !== null
        ? new PromiseClock(p.resolutionMinutes, p.businessHours, calendar, from)
        : null;
    this.refreshDueTimes();
  }

  refreshDueTimes(): void {
    this.model.dueAt = this.firstResponseClock?.dueAt() ?? this.model.dueAt;
    this.model.resolutionDueAt = this.resolutionClock?.dueAt() ?? null;
  }

  /** Waiting on the customer stops the promise clocks; their answer starts them again. */
  pauseClocks(at: Date): void {
    this.firstResponseClock?.pause(at);
    this.resolutionClock?.pause(at);
  }

  resumeClocks(at: Date): void {
    this.firstResponseClock?.resume(at);
    this.resolutionClock?.resume(at);
    this.refreshDueTimes();
  }
}
