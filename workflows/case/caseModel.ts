import { ApplicationFailure } from '@temporalio/common';
import type { Channel } from '../../rules/model/channel';
import type { Decision } from '../../rules/model/decision';
import { skillName } from '../../rules/model/skillOutput';
import type {
  Callback,
  CaseInput,
  CaseSnapshot,
  CaseStatus,
  Lifecycle,
  SurveyStateSnapshot,
} from '../contracts/case';
import type { CustomerProfile, InboundMessage } from '../contracts/messages';
import type { RefusedAction, Refusal } from '../contracts/refusals';
import type { Task, TaskKind } from '../contracts/task';
import type { CallbackPolicy } from '../blocks/callbackPolicy';
import { customerLabel } from '../lib/customerLabel';

const closedForAgents: CaseStatus[] = ['resolved', 'surveying', 'closed'];

/**
 * Rejects an agent action; never retried. The message is for logs and API callers; the refusal
 * code and its parameters let the designer word it in the agent's language.
 */
function reject(message: string, refusal: Refusal): never {
  throw ApplicationFailure.create({
    type: 'InvalidTransition',
    message,
    nonRetryable: true,
    details: [refusal],
  });
}

/** A callback time within the current minute is "now": the designer's form has minute precision. */
const callbackGraceMs = 60_000;

/** The snapshot's survey state, with its send time as a date. */
export type SurveyState = Omit<SurveyStateSnapshot, 'sentAt'> & { sentAt: Date };

/**
 * A case's state and its transition rules, free of timers and activities so the workflow stays a
 * thin wiring of handlers around it, and every rule is unit-tested without a server.
 */
export class CaseModel {
  status: CaseStatus = 'new';
  readonly messages: InboundMessage[];
  customer: CustomerProfile;
  decision: Decision | null = null;
  /** The rule set version of the first decision: later decisions of this case keep using it. */
  ruleSetVersion: number | null = null;
  priority: number | null = null;
  queue: string | null = null;
  assignee: string | null = null;
  dueAt: Date | null = null;
  resolutionDueAt: Date | null = null;
  firstResponseAt: Date | null = null;
  escalationLevel = 0;
  callbacks: (Omit<Callback, 'dueAt'> & { dueAt: Date })[] = [];
  /** Bumped whenever callbacks change, so the callback loop re-reads its next deadline. */
  callbackVersion = 0;
  survey: SurveyState | null = null;
  reopenCount = 0;
  abandoned = false;
  tags: string[] = [];
  /** Bumped on every change that the task projection shows. */
  seq = 0;

  constructor(
    readonly input: CaseInput,
    readonly openedAt: Date,
    readonly lifecycle: Lifecycle = 'standard',
  ) {
    this.messages = [input.firstMessage];
    this.customer = input.customer;
  }

  get caseId(): string {
    return this.input.caseId;
  }

  get channel(): Channel {
    return this.messages[this.messages.length - 1]!.channel;
  }

  get channels(): Channel[] {
    return [...new Set(this.messages.map((m) => m.channel))];
  }

  get isOpenForAgents(): boolean {
    return !closedForAgents.includes(this.status);
  }

  /** Where replies to the customer go on a channel: their address there, if known. */
  addressFor(channel: Channel): string | null {
    const c = this.customer;
    if (channel === 'email' || channel === 'webform' || channel === 'mail') return c.email;
    if (['sms', 'phone', 'whatsapp', 'click-to-call', 'callback'].includes(channel))
      return c.phone ?? c.email;
    return c.handle ?? c.email ?? c.phone;
  }

  /** Returns the previous channel when this message switches channel. */
  addMessage(message: InboundMessage): { duplicate: boolean; switchedFrom: Channel | null } {
    if (this.messages.some((m) => m.messageId === message.messageId))
      return { duplicate: true, switchedFrom: null };
    const previous = this.channel;
    this.messages.push(message);
    this.touch();
    return { duplicate: false, switchedFrom: previous !== message.channel ? previous : null };
  }

  channelSwitches(): number {
    let switches = 0;
    for (let i = 1; i < this.messages.length; i += 1)
      if (this.messages[i]!.channel !== this.messages[i - 1]!.channel) switches += 1;
    return switches;
  }

  applyDecision(decision: Decision): void {
    this.decision = decision;
    this.ruleSetVersion ??= decision.ruleSetVersion;
    this.priority = decision.priority;
    this.queue = decision.queue;
    this.touch();
  }

  /**
   * A later message may decide again (anger, a premium customer identified). The promise already
   * made stays; a stricter priority or another queue is taken. Returns what changed.
   */
  applyRedecision(decision: Decision): Record<string, { from: unknown; to: unknown }> {
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (this.priority !== null && decision.priority < this.priority) {
      changes.priority = { from: this.priority, to: decision.priority };
      this.priority = decision.priority;
    }
    if (this.queue !== decision.queue && this.escalationLevel === 0 && !this.assignee) {
      changes.queue = { from: this.queue, to: decision.queue };
      this.queue = decision.queue;
    }
    if (Object.keys(changes).length > 0) {
      this.decision = decision;
      this.touch();
    }
    return changes;
  }

  setStatus(status: CaseStatus): void {
    this.status = status;
    this.touch();
  }

  /** Raises priority by `steps` towards 1 and optionally moves the case to another queue. */
  escalate(steps: number, moveToQueue: string | null): void {
    this.escalationLevel += 1;
    if (this.priority !== null) this.priority = Math.max(1, this.priority - steps);
    if (moveToQueue) this.queue = moveToQueue;
    this.touch();
  }

  assertCanClaim(agentId: string): void {
    if (!this.isOpenForAgents)
      reject(`case ${this.caseId} is ${this.status}`, {
        code: 'case.notOpen',
        action: 'claim',
        status: this.status,
      });
    if (this.assignee === agentId)
      reject(`case ${this.caseId} is already yours`, { code: 'claim.alreadyYours' });
    if (this.assignee)
      reject(`case ${this.caseId} is already claimed by ${this.assignee}`, {
        code: 'case.heldByOther',
        action: 'claim',
        assignee: this.assignee,
      });
  }

  claim(agentId: string): void {
    this.assertCanClaim(agentId);
    this.assignee = agentId;
    this.setStatus('assigned');
  }

  private assertAssignee(agentId: string, action: RefusedAction): void {
    if (!this.isOpenForAgents)
      reject(`cannot ${action}: case ${this.caseId} is ${this.status}`, {
        code: 'case.notOpen',
        action,
        status: this.status,
      });
    if (this.assignee !== agentId)
      reject(`cannot ${action}: case ${this.caseId} is not claimed by ${agentId}`, {
        code: 'case.notYours',
        action,
      });
  }

  assertCanReply(agentId: string): void {
    this.assertAssignee(agentId, 'reply');
  }

  /** Records the reply; true when it is the first response, which keeps the first promise. */
  reply(agentId: string, at: Date, awaitCustomer: boolean): boolean {
    this.assertCanReply(agentId);
    const first = this.firstResponseAt === null;
    if (first) this.firstResponseAt = at;
    this.setStatus(awaitCustomer ? 'waiting-on-customer' : 'assigned');
    return first;
  }

  /** The customer answered: back to the agent (or the queue) with the clock running again. */
  customerAnswered(): void {
    if (this.status === 'waiting-on-customer')
      this.setStatus(this.assignee ? 'assigned' : 'queued');
  }

  assertCanNote(agentId: string): void {
    if (this.status === 'closed')
      reject(`cannot add a note: case ${this.caseId} is closed`, { code: 'note.caseClosed' });
    if (agentId.trim() === '')
      reject('a note needs its author', { code: 'actor.missing', action: 'note' });
  }

  /** Tags stay settable once resolved (for reporting); a closed case is done with. */
  assertCanTag(agentId: string): void {
    if (this.status === 'closed')
      reject(`cannot tag: case ${this.caseId} is closed`, {
        code: 'case.notOpen',
        action: 'tag',
        status: this.status,
      });
    if (agentId.trim() === '')
      reject('a tag needs who sets it', { code: 'actor.missing', action: 'tag' });
  }

  /** Adds and removes tags (a tag both added and removed is removed); what actually changed. */
  retag(add: string[], remove: string[]): { added: string[]; removed: string[] } {
    const removed = this.tags.filter((t) => remove.includes(t));
    const kept = this.tags.filter((t) => !remove.includes(t));
    const added = [...new Set(add)].filter((t) => !remove.includes(t) && !kept.includes(t));
    this.tags = [...kept, ...added];
    return { added, removed };
  }

  assertCanTransfer(agentId: string): void {
    if (!this.isOpenForAgents)
      reject(`cannot transfer: case ${this.caseId} is ${this.status}`, {
        code: 'case.notOpen',
        action: 'transfer',
        status: this.status,
      });
    if (this.assignee && this.assignee !== agentId)
      reject(`cannot transfer: case ${this.caseId} is claimed by ${this.assignee}`, {
        code: 'case.heldByOther',
        action: 'transfer',
        assignee: this.assignee,
      });
  }

  transfer(agentId: string, toQueue?: string, toAgent?: string): void {
    this.assertCanTransfer(agentId);
    if (toQueue) this.queue = toQueue;
    this.assignee = toAgent ?? null;
    this.setStatus(toAgent ? 'assigned' : 'queued');
  }

  assertCanResolve(agentId: string): void {
    if (!this.isOpenForAgents)
      reject(`case ${this.caseId} is already ${this.status}`, {
        code: 'case.notOpen',
        action: 'resolve',
        status: this.status,
      });
    this.assertAssignee(agentId, 'resolve');
  }

  resolve(agentId: string): void {
    this.assertCanResolve(agentId);
    this.callbackVersion += 1;
    this.setStatus('resolved');
  }

  /**
   * Ends every callback still scheduled and returns their ids. Cases cancel them; `completed` is
   * what resolving did before callbacks could be cancelled, kept for histories of that time.
   */
  endScheduledCallbacks(status: 'cancelled' | 'completed'): string[] {
    const ended = this.callbacks.filter((c) => c.status === 'scheduled');
    for (const cb of ended) cb.status = status;
    this.callbackVersion += 1;
    if (ended.length > 0) this.touch();
    return ended.map((c) => c.callbackId);
  }

  assertCanReopen(): void {
    if (this.isOpenForAgents)
      reject(`case ${this.caseId} is open (${this.status})`, {
        code: 'reopen.stillOpen',
        status: this.status,
      });
  }

  reopen(): void {
    this.assertCanReopen();
    this.reopenCount += 1;
    this.assignee = null;
    this.firstResponseAt = null;
    this.escalationLevel = 0;
    this.survey = null;
    this.setStatus('reopened');
  }

  assertCanScheduleCallback(): void {
    if (!this.isOpenForAgents)
      reject(`cannot schedule a callback: case ${this.caseId} is ${this.status}`, {
        code: 'case.notOpen',
        action: 'scheduleCallback',
        status: this.status,
      });
    if (!this.customer.phone)
      reject('cannot schedule a callback: no phone number for this customer', {
        code: 'callback.noPhone',
      });
  }

  /** An agent's callback time must not be past: it would silently become "now". */
  assertCallbackTime(at: Date, now: Date): void {
    if (at.getTime() < now.getTime() - callbackGraceMs)
      reject(`cannot schedule a callback in the past (${at.toISOString()})`, {
        code: 'callback.inPast',
        at: at.toISOString(),
        now: now.toISOString(),
      });
  }

  scheduleCallback(dueAt: Date, reason: string): string {
    this.assertCanScheduleCallback();
    const callbackId = `cb${this.callbacks.length + 1}`;
    this.callbacks.push({ callbackId, dueAt, attempts: 0, status: 'scheduled', reason });
    this.callbackVersion += 1;
    this.touch();
    return callbackId;
  }

  hasScheduledCallback(): boolean {
    return this.callbacks.some((c) => c.status === 'scheduled');
  }

  assertCanReportCallback(agentId: string, callbackId: string): void {
    const cb = this.callbacks.find((c) => c.callbackId === callbackId);
    if (!cb)
      reject(`no callback ${callbackId} on case ${this.caseId}`, { code: 'callback.unknown' });
    if (cb.status !== 'scheduled')
      reject(`callback ${callbackId} is already ${cb.status}`, {
        code: 'callback.alreadyEnded',
        status: cb.status,
      });
    if (agentId.trim() === '')
      reject('a callback outcome needs its agent', {
        code: 'actor.missing',
        action: 'callbackOutcome',
      });
  }

  /**
   * An attempt that did not reach the customer: retried later, or failed once the policy's
   * attempts are used up. Returns the callback's new status.
   */
  callbackAttemptFailed(
    callbackId: string,
    at: Date,
    policy: CallbackPolicy,
  ): 'scheduled' | 'failed' {
    const cb = this.callbacks.find((c) => c.callbackId === callbackId)!;
    cb.attempts += 1;
    if (cb.attempts >= policy.maxAttempts) cb.status = 'failed';
    else cb.dueAt = new Date(at.getTime() + policy.retryAfterMinutes * 60_000);
    this.callbackVersion += 1;
    this.touch();
    return cb.status === 'failed' ? 'failed' : 'scheduled';
  }

  callbackReached(callbackId: string, at: Date): boolean {
    const cb = this.callbacks.find((c) => c.callbackId === callbackId)!;
    cb.attempts += 1;
    cb.status = 'completed';
    this.callbackVersion += 1;
    const first = this.firstResponseAt === null;
    if (first) this.firstResponseAt = at;
    this.touch();
    return first;
  }

  /** The scheduled callback whose missed-deadline comes first, with that deadline. */
  nextCallbackDeadline(policy: CallbackPolicy): { callbackId: string; at: Date } | null {
    let next: { callbackId: string; at: Date } | null = null;
    for (const cb of this.callbacks) {
      if (cb.status !== 'scheduled') continue;
      const at = new Date(cb.dueAt.getTime() + policy.missedAfterMinutes * 60_000);
      if (!next || at < next.at) next = { callbackId: cb.callbackId, at };
    }
    return next;
  }

  private touch(): void {
    this.seq += 1;
  }

  snapshot(): CaseSnapshot {
    return {
      caseId: this.caseId,
      customerId: this.customer.customerId,
      lifecycle: this.lifecycle,
      status: this.status,
      channel: this.channel,
      channels: this.channels,
      priority: this.priority,
      queue: this.queue,
      assignee: this.assignee,
      dueAt: this.dueAt?.toISOString() ?? null,
      resolutionDueAt: this.resolutionDueAt?.toISOString() ?? null,
      firstResponseAt: this.firstResponseAt?.toISOString() ?? null,
      escalationLevel: this.escalationLevel,
      messages: this.messages,
      decision: this.decision,
      callbacks: this.callbacks.map((c) => ({ ...c, dueAt: c.dueAt.toISOString() })),
      survey: this.survey ? { ...this.survey, sentAt: this.survey.sentAt.toISOString() } : null,
      linkedCaseId: this.input.linkedCaseId,
      reopenCount: this.reopenCount,
      abandoned: this.abandoned,
      openedAt: this.openedAt.toISOString(),
      tags: [...this.tags],
    };
  }

  private baseTask(now: Date): Omit<Task, 'taskId' | 'kind' | 'dueAt' | 'status'> | null {
    if (!this.decision || this.priority === null || this.queue === null) return null;
    const first = this.messages[0]!;
    return {
      caseId: this.caseId,
      customerId: this.customer.customerId,
      customerName: customerLabel(this.customer),
      channel: this.channel,
      priority: this.priority,
      queue: this.queue,
      skills: this.decision.skills.map(skillName),
      assignee: this.assignee,
      subject: first.subject ?? first.text.slice(0, 80),
      escalationLevel: this.escalationLevel,
      openedAt: this.openedAt.toISOString(),
      updatedAt: now.toISOString(),
      seq: this.seq,
    };
  }

  /** The case's main task; its due time is the next promise still to keep. */
  task(now: Date): Task | null {
    const base = this.baseTask(now);
    if (!base) return null;
    const due = this.firstResponseAt ? this.resolutionDueAt : this.dueAt;
    const waiting = this.status === 'waiting-on-customer';
    return {
      ...base,
      taskId: this.caseId,
      kind: 'case',
      status: this.status,
      dueAt: !waiting && this.isOpenForAgents ? (due?.toISOString() ?? null) : null,
    };
  }

  /** A task beside the main one (a callback to make, a follow-up call, a legal review). */
  sideTask(
    kind: Exclude<TaskKind, 'case'>,
    id: string,
    dueAt: Date | null,
    open: boolean,
    now: Date,
    overrides: { queue?: string; subject?: string } = {},
  ): Task | null {
    // Each write of a side task is a new state of the projection; a stale retry must lose.
    this.touch();
    const base = this.baseTask(now);
    if (!base) return null;
    return {
      ...base,
      ...overrides,
      taskId: `${this.caseId}:${kind}:${id}`,
      kind,
      status: open ? 'queued' : 'closed',
      dueAt: open ? (dueAt?.toISOString() ?? null) : null,
    };
  }
}
