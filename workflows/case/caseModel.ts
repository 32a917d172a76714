import { ApplicationFailure } from '@temporalio/common';
import type { Channel } from '../../rules/model/channel';
import type { Decision } from '../../rules/model/decision';
import type { CaseInput, CaseSnapshot, CaseStatus } from '../contracts/case';
import type { InboundMessage } from '../contracts/messages';
import type { Task } from '../contracts/task';

const finished: CaseStatus[] = ['resolved', 'surveying', 'closed'];

/** Rejects an agent action with a message the agent can read; never retried. */
function reject(message: string): never {
  throw ApplicationFailure.create({ type: 'InvalidTransition', message, nonRetryable: true });
}

/**
 * The case's state and its transition rules, free of Temporal timers and activities so the
 * workflow stays a thin wiring of handlers around it.
 */
export class CaseModel {
  status: CaseStatus = 'new';
  readonly messages: InboundMessage[];
  decision: Decision | null = null;
  priority: number | null = null;
  queue: string | null = null;
  assignee: string | null = null;
  dueAt: Date | null = null;
  firstResponseAt: Date | null = null;
  escalationLevel = 0;
  /** Bumped on every change that the task projection shows. */
  seq = 0;

  constructor(
    readonly input: CaseInput,
    readonly openedAt: Date,
  ) {
    this.messages = [input.firstMessage];
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

  /** Returns the previous channel when this message switches channel, else null. */
  addMessage(message: InboundMessage): { duplicate: boolean; switchedFrom: Channel | null } {
    if (this.messages.some((m) => m.messageId === message.messageId))
      return { duplicate: true, switchedFrom: null };
    const previous = this.channel;
    this.messages.push(message);
    this.touch();
    return { duplicate: false, switchedFrom: previous !== message.channel ? previous : null };
  }

  applyDecision(decision: Decision, dueAt: Date): void {
    this.decision = decision;
    this.priority = decision.priority;
    this.queue = decision.queue;
    this.dueAt = dueAt;
    this.touch();
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
    if (finished.includes(this.status)) reject(`case ${this.caseId} is ${this.status}`);
    if (this.assignee === agentId) reject(`case ${this.caseId} is already yours`);
    if (this.assignee) reject(`case ${this.caseId} is already claimed by ${this.assignee}`);
  }

  claim(agentId: string): void {
    this.assertCanClaim(agentId);
    this.assignee = agentId;
    this.setStatus('assigned');
  }

  assertCanReply(agentId: string): void {
    if (finished.includes(this.status))
      reject(`cannot reply: case ${this.caseId} is ${this.status}`);
    if (this.assignee !== agentId)
      reject(`cannot reply: case ${this.caseId} is not claimed by ${agentId}`);
  }

  /** Records the reply; returns true when it is the first response, which meets the promise. */
  reply(agentId: string, at: Date): boolean {
    this.assertCanReply(agentId);
    const first = this.firstResponseAt === null;
    if (first) this.firstResponseAt = at;
    this.touch();
    return first;
  }

  assertCanResolve(agentId: string): void {
    if (finished.includes(this.status)) reject(`case ${this.caseId} is already ${this.status}`);
    if (this.assignee !== agentId)
      reject(`cannot resolve: case ${this.caseId} is not claimed by ${agentId}`);
  }

  resolve(agentId: string): void {
    this.assertCanResolve(agentId);
    this.setStatus('resolved');
  }

  private touch(): void {
    this.seq += 1;
  }

  snapshot(): CaseSnapshot {
    return {
      caseId: this.caseId,
      customerId: this.input.customer.customerId,
      status: this.status,
      channel: this.channel,
      channels: this.channels,
      priority: this.priority,
      queue: this.queue,
      assignee: this.assignee,
      dueAt: this.dueAt?.toISOString() ?? null,
      firstResponseAt: this.firstResponseAt?.toISOString() ?? null,
      escalationLevel: this.escalationLevel,
      messages: this.messages,
      decision: this.decision,
      openedAt: this.openedAt.toISOString(),
    };
  }

  task(now: Date): Task | null {
    if (!this.decision || this.priority === null || this.queue === null) return null;
    const first = this.messages[0]!;
    return {
      caseId: this.caseId,
      customerId: this.input.customer.customerId,
      customerName: this.input.customer.name,
      status: this.status,
      channel: this.channel,
      priority: this.priority,
      queue: this.queue,
      skills: this.decision.skills,
      assignee: this.assignee,
      subject: first.subject ?? first.text.slice(0, 80),
      dueAt: this.firstResponseAt ? null : (this.dueAt?.toISOString() ?? null),
      escalationLevel: this.escalationLevel,
      openedAt: this.openedAt.toISOString(),
      updatedAt: now.toISOString(),
      seq: this.seq,
    };
  }
}
