import type { HandOver } from '../contracts/activities';
import {
  routeReasons,
  toSkillRequirement,
  type WithdrawWork,
  type WorkItem,
} from '../contracts/routing';
import { customerLabel } from '../lib/customerLabel';
import type { CaseModel } from './caseModel';

export type RouteReason = (typeof routeReasons)[number];
/** Work for the router to route (again). */
export type RouteHandOver = Extract<HandOver, { kind: 'route' }>;

/** Where the router has this case: waiting for an agent, held by one, or not at all. */
export type HoldState =
  | { at: 'none' }
  | { at: 'waiting'; since: Date; reason: RouteReason; excludeAgents: string[] }
  | { at: 'agent'; agentId: string; since: Date };

const seconds = (from: Date, to: Date) => Math.max(0, (to.getTime() - from.getTime()) / 1000);

/**
 * The case's side of routing, free of activities: which message the router needs after each
 * change, so that every waiting case is in the router once and every agent's capacity the
 * router counted for this case is freed exactly when the case leaves that agent.
 */
export class RouterHold {
  state: HoldState = { at: 'none' };

  constructor(private readonly model: CaseModel) {}

  get waiting(): boolean {
    return this.state.at === 'waiting';
  }

  heldBy(agentId: string): boolean {
    return this.state.at === 'agent' && this.state.agentId === agentId;
  }

  /** The case needs an agent; a case already waiting keeps its start, so age and aging hold. */
  route(reason: RouteReason, excludeAgents: string[], now: Date): RouteHandOver {
    const since = this.state.at === 'waiting' ? this.state.since : now;
    this.state = { at: 'waiting', since, reason, excludeAgents };
    return this.routeMessage();
  }

  /** The waiting item again after its queue or priority changed; null when not waiting. */
  refresh(reason?: RouteReason): HandOver | null {
    if (this.state.at !== 'waiting') return null;
    if (reason) this.state.reason = reason;
    return this.routeMessage();
  }

  /** The router's assignment was taken: it already counts the case in the agent's load. */
  accepted(agentId: string, now: Date): void {
    this.state = { at: 'agent', agentId, since: now };
  }

  /**
   * An agent took the case outside the router (a claim, a transfer or a supervisor's hand
   * assignment): the router drops the item and counts the case in that agent's load. The
   * previous holder, if any, is released first.
   */
  assign(agentId: string, how: 'claimed' | 'assigned-by-hand', now: Date): HandOver[] {
    const released = this.state.at === 'agent' ? this.release(this.state, now) : null;
    this.state = { at: 'agent', agentId, since: now };
    const { caseId, queue, channel } = this.model;
    const withdraw: WithdrawWork = {
      caseId,
      assignedTo: agentId,
      reason: how,
      ...(queue ? { queue } : {}),
      channel,
    };
    return [...(released ? [released] : []), { kind: 'withdraw', withdraw }];
  }

  /** Transferred to a queue: the sender's capacity is freed, and the case routed again, never to them. */
  transferToQueue(from: string, now: Date): HandOver[] {
    const state = this.state;
    const excluded = state.at === 'waiting' ? state.excludeAgents.filter((a) => a !== from) : [];
    if (state.at === 'agent') this.state = { at: 'none' };
    const route = this.route('transfer', [...excluded, from], now);
    return state.at === 'agent' ? [this.release(state, now), route] : [route];
  }

  /** The case leaves the router: the agent's capacity is freed, or the waiting item dropped. */
  leave(
    why: Exclude<WithdrawWork['reason'], 'claimed' | 'assigned-by-hand'>,
    now: Date,
  ): HandOver | null {
    const state = this.state;
    this.state = { at: 'none' };
    const caseId = this.model.caseId;
    if (state.at === 'agent') return this.release(state, now);
    if (state.at === 'waiting')
      return { kind: 'withdraw', withdraw: { caseId, assignedTo: null, reason: why } };
    return null;
  }

  private release(held: Extract<HoldState, { at: 'agent' }>, now: Date): HandOver {
    const handledSeconds = seconds(held.since, now);
    return {
      kind: 'release',
      release: { caseId: this.model.caseId, agentId: held.agentId, handledSeconds },
    };
  }

  private routeMessage(): RouteHandOver {
    const state = this.state as Extract<HoldState, { at: 'waiting' }>;
    return { kind: 'route', item: workItem(this.model, state) };
  }
}

/** The case as the router sees it: queue, priority, skills, language, channel, words to show. */
function workItem(model: CaseModel, state: Extract<HoldState, { at: 'waiting' }>): WorkItem {
  const first = model.messages[0]!;
  return {
    caseId: model.caseId,
    queue: model.queue!,
    priority: model.priority!,
    skills: (model.decision?.skills ?? []).map(toSkillRequirement),
    lang: model.customer.lang,
    // A callback is a phone call, whatever channel the customer first wrote on.
    channel: state.reason === 'callback' ? 'callback' : model.channel,
    customerName: customerLabel(model.customer),
    subject: first.subject ?? first.text.slice(0, 80),
    waitingSince: state.since.toISOString(),
    reason: state.reason,
    excludeAgents: state.excludeAgents,
  };
}
