import type { CustomerWorkflowInput, OpenCase } from '../contracts/customer';
import type { CustomerProfile, InboundEnvelope, InboundMessage } from '../contracts/messages';
import { caseRef } from '../lib/promiseWords';

/** How many message ids are remembered for de-duplication across continue-as-new. */
export const recentMessageLimit = 500;
/** How many closed cases are remembered to link a later contact to. */
export const recentlyClosedLimit = 20;

export type Route =
  | { kind: 'duplicate'; caseId: string }
  | { kind: 'existing'; caseId: string; reason: 'reference' | 'single-open-case' }
  | { kind: 'new' };

/**
 * A customer's open cases and how each inbound message is threaded into them. Pure, so the
 * threading rules are unit-tested without a Temporal server.
 */
export class CustomerModel {
  customer: CustomerProfile;
  openCases: OpenCase[];
  private readonly recent: Map<string, string>;
  private recentlyClosed: string[];
  readonly historyEventBudget: number;
  private readonly queue: InboundEnvelope[] = [];

  constructor(input: CustomerWorkflowInput) {
    this.customer = input.customer;
    this.openCases = input.openCases;
    this.recent = new Map(input.recentMessages);
    this.recentlyClosed = input.recentlyClosed;
    this.historyEventBudget = input.historyEventBudget;
  }

  enqueue(envelope: InboundEnvelope): void {
    this.queue.push(envelope);
  }

  hasPending(): boolean {
    return this.queue.length > 0;
  }

  next(): InboundEnvelope | undefined {
    const envelope = this.queue.shift();
    if (envelope) this.customer = envelope.customer;
    return envelope;
  }

  /** Explicit reference first, then the single open case, else a new case. */
  route(message: InboundMessage): Route {
    const seen = this.recent.get(message.messageId);
    if (seen) return { kind: 'duplicate', caseId: seen };
    if (message.caseRef) {
      const ref = message.caseRef;
      const byRef = this.openCases.find(
        (c) => c.caseId === ref || caseRef(c.caseId) === ref.toUpperCase() || c.refs.includes(ref),
      );
      if (byRef) return { kind: 'existing', caseId: byRef.caseId, reason: 'reference' };
    }
    if (this.openCases.length === 1)
      return { kind: 'existing', caseId: this.openCases[0]!.caseId, reason: 'single-open-case' };
    return { kind: 'new' };
  }

  remember(messageId: string, caseId: string): void {
    this.recent.set(messageId, caseId);
    while (this.recent.size > recentMessageLimit) {
      const oldest = this.recent.keys().next().value;
      if (oldest === undefined) break;
      this.recent.delete(oldest);
    }
  }

  caseFor(messageId: string): string | null {
    return this.recent.get(messageId) ?? null;
  }

  openCase(caseId: string, message: InboundMessage): void {
    this.openCases.push({
      caseId,
      channel: message.channel,
      refs: message.caseRef ? [message.caseRef] : [],
    });
  }

  addReference(caseId: string, ref: string | null): void {
    const open = this.openCases.find((c) => c.caseId === caseId);
    if (open && ref && !open.refs.includes(ref)) open.refs.push(ref);
  }

  /** The case's reopen window has passed: it is no longer open, but a new case links to it. */
  closeCase(caseId: string): void {
    this.openCases = this.openCases.filter((c) => c.caseId !== caseId);
    this.recentlyClosed = [...this.recentlyClosed.filter((id) => id !== caseId), caseId].slice(
      -recentlyClosedLimit,
    );
  }

  lastClosedCase(): string | null {
    return this.recentlyClosed[this.recentlyClosed.length - 1] ?? null;
  }

  carry(): CustomerWorkflowInput {
    return {
      customer: this.customer,
      openCases: this.openCases,
      recentMessages: [...this.recent.entries()],
      recentlyClosed: this.recentlyClosed,
      historyEventBudget: this.historyEventBudget,
    };
  }
}
