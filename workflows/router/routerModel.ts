import {
  type AgentRoom,
  type AgentState,
  capacityClassOf,
  type OfferResponse,
  type OfferResult,
  type ReleaseWork,
  type RouterSnapshot,
  type RouterState,
  type RouterWorkflowInput,
  type RoutingCatalogue,
  type RoutingEvent,
  type SetPresence,
  type WaitingItem,
  type WithdrawWork,
  type WorkItem,
} from '../contracts/routing';
import { effectivePriority, nextAgingAt } from '../routing/aging';
import { assignmentRound } from '../routing/assignmentRound';
import { waitingReasons } from '../routing/eligibility';
import { expectedWaits, handleTimeWindow } from '../routing/expectedWait';
import { dueRelaxations, nextRelaxationAt } from '../routing/relaxation';
import { workOrder } from '../routing/workOrder';
import { queueOf, worldOf } from '../routing/world';

type Outcome = RouterState['endedOffers'][number]['outcome'];
/** A routing event before the router stamps it with its `seq` and time. */
type EventBody = RoutingEvent extends infer E
  ? E extends RoutingEvent
    ? Omit<E, 'seq' | 'at'>
    : never
  : never;

/** Router → case: the `routedAssignment` signal still to send. */
export interface CaseAssignment {
  caseId: string;
  agentId: string;
  offerId: string | null;
}

/** A deep copy of plain JSON data (the workflow sandbox has no structuredClone). */
export const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

type CatalogueAsRead = NonNullable<RouterWorkflowInput['state']>['catalogue'];

/** Catalogues carried or read before wrap-up existed have no wrap-up (replay): none. */
const withWrapUp = (catalogue: CatalogueAsRead): RoutingCatalogue => ({
  ...catalogue,
  queues: catalogue.queues.map((q) => ({ ...q, wrapUpSeconds: q.wrapUpSeconds ?? 0 })),
});

/** How many ended offers are remembered to answer a late response precisely. */
export const endedOfferMemory = 200;

/**
 * The router's state and every change to it, pure and synchronous: the workflow only feeds it
 * messages and the clock, and sends what it queues (events, assignments to cases). Every change
 * becomes a `RoutingEvent` with the next `seq`; offer ids come from that seq, so they replay.
 */
export class RouterModel {
  readonly state: RouterState;
  /** Set by every change that may call for a routing round; cleared when a round runs. */
  dirty = true;
  private events: RoutingEvent[] = [];
  private assignments: CaseAssignment[] = [];
  /** The last waiting reason published per case, so an unchanged reason is not re-sent. */
  private readonly publishedReasons = new Map<string, string>();

  /**
   * Not parsed with zod here: in the workflow sandbox a schema's lazily built parts cannot be
   * added once its module is frozen. The state comes typed from the previous run or a start.
   */
  constructor(state: NonNullable<RouterWorkflowInput['state']>) {
    const carried = copy(state);
    this.state = {
      ...carried,
      catalogue: withWrapUp(carried.catalogue),
      // Runs from before wrap-up carried agents without it.
      agents: carried.agents.map((a) => ({ ...a, wrapUps: a.wrapUps ?? {} })),
      heldQueues: state.heldQueues ?? {},
      endedOffers: state.endedOffers ?? [],
    };
  }

  static emptyState(): RouterState {
    return {
      catalogue: { queues: [], agents: [] },
      agents: [],
      waiting: [],
      handleTimes: {},
      seq: 0,
      heldQueues: {},
      endedOffers: [],
    };
  }

  private emit(body: EventBody, now: Date): number {
    this.state.seq += 1;
    this.events.push({ ...body, seq: this.state.seq, at: now.toISOString() } as RoutingEvent);
    return this.state.seq;
  }

  /**
   * A router started afresh numbers its events after those already stored, so the live stream
   * and the timeline keys never see a seq twice. Nothing is offered before this (no catalogue
   * yet), so no offer id changes.
   */
  numberAfter(lastStored: number): void {
    for (const e of this.events) e.seq += lastStored;
    this.state.seq += lastStored;
  }

  /** What the previous run decided but had not handed out yet goes out first. */
  requeue(events: RoutingEvent[], assignments: CaseAssignment[]): void {
    this.events.unshift(...events);
    this.assignments.unshift(...assignments);
  }

  takeEvents(): RoutingEvent[] {
    const taken = this.events;
    this.events = [];
    return taken;
  }

  hasEvents(): boolean {
    return this.events.length > 0;
  }

  takeAssignments(): CaseAssignment[] {
    const taken = this.assignments;
    this.assignments = [];
    return taken;
  }

  carry(): RouterState {
    return copy(this.state);
  }

  agent(agentId: string): AgentState | undefined {
    return this.state.agents.find((a) => a.agentId === agentId);
  }

  /** The agent's load and capacity from the catalogue; null when either is unknown. */
  room(agentId: string): AgentRoom | null {
    const agent = this.agent(agentId);
    const listed = this.state.catalogue.agents.find((a) => a.agentId === agentId);
    return agent && listed ? { load: { ...agent.load }, capacity: { ...listed.capacity } } : null;
  }

  knowsAgent(agentId: string): boolean {
    return this.agent(agentId) !== undefined;
  }

  private waitingFor(caseId: string): WaitingItem | undefined {
    return this.state.waiting.find((w) => w.item.caseId === caseId);
  }

  /** New agents start Offline; agents gone from the catalogue are dropped unless they hold work. */
  applyCatalogue(read: CatalogueAsRead, now: Date): void {
    const catalogue = withWrapUp(read);
    this.state.catalogue = catalogue;
    const listed = new Set(catalogue.agents.map((a) => a.agentId));
    for (const gone of this.state.agents.filter((a) => !listed.has(a.agentId)))
      this.endOfferOf(gone.agentId, 'agent-left', now);
    this.state.agents = this.state.agents.filter(
      (a) => listed.has(a.agentId) || Object.keys(a.load).length > 0,
    );
    for (const a of catalogue.agents)
      if (!this.knowsAgent(a.agentId))
        this.state.agents.push({
          agentId: a.agentId,
          name: a.name,
          presence: 'offline',
          awayReason: null,
          presenceSince: now.toISOString(),
          idleSince: now.toISOString(),
          load: {},
          missedOffersInARow: 0,
          wrapUps: {},
        });
      else this.agent(a.agentId)!.name = a.name;
    this.dirty = true;
  }

  /** Enqueues the case, or updates it; a new queue starts its routing afresh. */
  routeWork(item: WorkItem, now: Date): void {
    const known = this.waitingFor(item.caseId);
    if (!known) {
      this.state.waiting.push({ item, passedBy: [], relaxed: [], offer: null });
    } else {
      if (known.item.queue !== item.queue) {
        this.endOffer(known, 'withdrawn', now);
        known.passedBy = [];
        known.relaxed = [];
      } else if (known.offer && item.excludeAgents.includes(known.offer.agentId)) {
        this.endOffer(known, 'withdrawn', now);
      }
      known.item = item;
    }
    this.dirty = true;
  }

  /**
   * The case left the queue; taken by hand, it counts in that agent's load, also when it was not
   * waiting here (passed from agent to agent, or claimed before its intake reached the router).
   */
  withdrawWork(withdrawal: WithdrawWork, now: Date): void {
    const w = this.waitingFor(withdrawal.caseId);
    if (w) {
      this.endOffer(w, 'withdrawn', now);
      this.state.waiting = this.state.waiting.filter((x) => x !== w);
      this.publishedReasons.delete(w.item.caseId);
      this.emit({ kind: 'item-withdrawn', caseId: w.item.caseId, queue: w.item.queue }, now);
    }
    const agent = withdrawal.assignedTo ? this.agent(withdrawal.assignedTo) : undefined;
    const { queue, channel } = w?.item ?? withdrawal;
    if (agent && queue && channel)
      this.hold(agent, { caseId: withdrawal.caseId, queue, channel }, 'by-hand', null, now);
    this.dirty = true;
  }

  /**
   * Records how long the case took, for expected waits, and frees the agent's capacity: at once,
   * or at the end of the queue's wrap-up when the agent handled the case.
   */
  releaseWork(release: ReleaseWork, now: Date): void {
    const agent = this.agent(release.agentId);
    if (!agent || !(release.caseId in agent.load) || release.caseId in agent.wrapUps) return;
    const queue = this.state.heldQueues[release.caseId];
    delete this.state.heldQueues[release.caseId];
    if (queue !== undefined && release.handledSeconds !== null)
      this.state.handleTimes[queue] = [
        ...(this.state.handleTimes[queue] ?? []),
        release.handledSeconds,
      ].slice(-handleTimeWindow);
    // A queue gone from the catalogue has none, as its defaults say.
    const wrapUp =
      queue === undefined || release.handledSeconds === null
        ? 0
        : (this.state.catalogue.queues.find((q) => q.queueId === queue)?.wrapUpSeconds ?? 0);
    if (wrapUp === 0) return this.free(agent, release.caseId, now);
    const until = new Date(now.getTime() + wrapUp * 1000).toISOString();
    agent.wrapUps[release.caseId] = until;
    this.emit({ kind: 'wrap-up', caseId: release.caseId, agentId: agent.agentId, until }, now);
    this.dirty = true;
  }

  private free(agent: AgentState, caseId: string, now: Date): void {
    delete agent.load[caseId];
    delete agent.wrapUps[caseId];
    if (Object.keys(agent.load).length === 0) agent.idleSince = now.toISOString();
    this.emit({ kind: 'released', caseId, agentId: agent.agentId }, now);
    this.dirty = true;
  }

  /**
   * Becoming Available resets the missed-offer count and starts the idle clock when the agent
   * holds nothing; leaving ends their outstanding offer, which goes to someone else.
   */
  setPresence(change: SetPresence, now: Date): AgentState {
    const agent = this.agent(change.agentId);
    if (!agent) throw new Error(`unknown agent ${change.agentId}`);
    const reason = change.presence === 'away' ? change.reason : null;
    if (agent.presence === change.presence && agent.awayReason === reason) return agent;
    if (change.presence === 'available') {
      agent.missedOffersInARow = 0;
      if (Object.keys(agent.load).length === 0) agent.idleSince = now.toISOString();
    } else {
      this.endOfferOf(agent.agentId, 'agent-left', now);
    }
    agent.presence = change.presence;
    agent.awayReason = reason;
    agent.presenceSince = now.toISOString();
    this.emit({ kind: 'presence', agentId: agent.agentId, presence: agent.presence, reason }, now);
    this.dirty = true;
    return agent;
  }

  respondOffer(response: OfferResponse, now: Date): OfferResult {
    const w = this.state.waiting.find((x) => x.offer?.offerId === response.offerId);
    const offer = w?.offer;
    if (!w || !offer) return this.refuseEnded(response);
    if (offer.agentId !== response.agentId) return { ok: false, code: 'offer-not-yours' };
    if (new Date(offer.expiresAt) <= now) {
      // Its timer has not fired yet: expire it now, as the timer would have.
      this.expire(w, now);
      return { ok: false, code: 'offer-expired' };
    }
    const agent = this.agent(offer.agentId)!;
    agent.missedOffersInARow = 0;
    if (!response.accept) {
      this.endOffer(w, 'declined', now);
      w.passedBy.push(agent.agentId);
      this.dirty = true;
      return { ok: true, outcome: 'declined' };
    }
    this.endOffer(w, 'accepted', now);
    this.state.waiting = this.state.waiting.filter((x) => x !== w);
    this.publishedReasons.delete(w.item.caseId);
    this.hold(agent, w.item, 'accepted', offer.offerId, now);
    this.dirty = true;
    return { ok: true, outcome: 'accepted' };
  }

  private refuseEnded(response: OfferResponse): OfferResult {
    const ended = this.state.endedOffers.find((o) => o.offerId === response.offerId);
    if (!ended) return { ok: false, code: 'offer-unknown' };
    if (ended.agentId !== response.agentId) return { ok: false, code: 'offer-not-yours' };
    if (ended.outcome === 'expired') return { ok: false, code: 'offer-expired' };
    // The same answer again (a retried request) gets the same answer.
    if (ended.outcome === 'accepted' && response.accept) return { ok: true, outcome: 'accepted' };
    if (ended.outcome === 'declined' && !response.accept) return { ok: true, outcome: 'declined' };
    return { ok: false, code: 'offer-unknown' };
  }

  /** The case workflow is gone: the agent never got the case, so their capacity comes back. */
  caseUnreachable(assignment: CaseAssignment, now: Date): void {
    this.releaseWork(
      { caseId: assignment.caseId, agentId: assignment.agentId, handledSeconds: null },
      now,
    );
  }

  private hold(
    agent: AgentState,
    item: Pick<WorkItem, 'caseId' | 'queue' | 'channel'>,
    how: 'accepted' | 'auto-accepted' | 'by-hand',
    offerId: string | null,
    now: Date,
  ): void {
    agent.load[item.caseId] = capacityClassOf(item.channel);
    // Back to the same agent during its wrap-up: the case is theirs again, not done.
    delete agent.wrapUps[item.caseId];
    agent.idleSince = null;
    this.state.heldQueues[item.caseId] = item.queue;
    this.emit(
      { kind: 'assigned', caseId: item.caseId, queue: item.queue, agentId: agent.agentId, how },
      now,
    );
    if (how !== 'by-hand')
      this.assignments.push({ caseId: item.caseId, agentId: agent.agentId, offerId });
  }

  private endOffer(w: WaitingItem, outcome: Outcome, now: Date): void {
    const offer = w.offer;
    if (!offer) return;
    w.offer = null;
    this.state.endedOffers = [
      ...this.state.endedOffers,
      { offerId: offer.offerId, agentId: offer.agentId, outcome },
    ].slice(-endedOfferMemory);
    this.emit(
      {
        kind: 'offer-ended',
        caseId: w.item.caseId,
        queue: w.item.queue,
        offerId: offer.offerId,
        agentId: offer.agentId,
        outcome,
      },
      now,
    );
  }

  private endOfferOf(agentId: string, outcome: Outcome, now: Date): void {
    for (const w of this.state.waiting)
      if (w.offer?.agentId === agentId) this.endOffer(w, outcome, now);
  }

  /** An offer timed out: never offered to that agent again; too many in a row sets them Away. */
  private expire(w: WaitingItem, now: Date): void {
    const agentId = w.offer!.agentId;
    this.endOffer(w, 'expired', now);
    w.passedBy.push(agentId);
    const agent = this.agent(agentId);
    if (agent) {
      agent.missedOffersInARow += 1;
      const limit = queueOf(worldOf(this.state), w.item.queue).awayAfterMissedOffers;
      if (limit > 0 && agent.missedOffersInARow >= limit && agent.presence === 'available')
        this.setPresence({ agentId, presence: 'away', reason: 'missed-offers' }, now);
    }
    this.dirty = true;
  }

  /**
   * Everything due at `now`: wrap-ups ended, expired offers, relaxation steps, then rounds of
   * offers and auto-assignments until a round decides nothing, then the reasons of what still
   * waits.
   */
  route(now: Date): void {
    this.dirty = false;
    for (const agent of this.state.agents)
      for (const [caseId, until] of Object.entries(agent.wrapUps))
        if (new Date(until) <= now) this.free(agent, caseId, now);
    for (const w of [...this.state.waiting])
      if (w.offer && new Date(w.offer.expiresAt) <= now) this.expire(w, now);
    this.relax(now);
    for (;;) {
      const round = assignmentRound(this.state, now);
      if (round.length === 0) break;
      for (const decision of round) this.apply(decision, now);
    }
    this.publishReasons(now);
    this.dirty = false;
  }

  private relax(now: Date): void {
    const world = worldOf(this.state);
    for (const w of this.state.waiting)
      for (const step of dueRelaxations(w, queueOf(world, w.item.queue).relaxation, now)) {
        w.relaxed.push(step);
        this.emit({ kind: 'item-relaxed', caseId: w.item.caseId, queue: w.item.queue, step }, now);
      }
  }

  private apply(
    decision: { caseId: string; agentId: string; autoAccept: boolean },
    now: Date,
  ): void {
    const w = this.waitingFor(decision.caseId)!;
    const agent = this.agent(decision.agentId)!;
    if (decision.autoAccept) {
      this.state.waiting = this.state.waiting.filter((x) => x !== w);
      this.publishedReasons.delete(w.item.caseId);
      this.hold(agent, w.item, 'auto-accepted', null, now);
      return;
    }
    const timeout = queueOf(worldOf(this.state), w.item.queue).offerTimeoutSeconds;
    const seq = this.state.seq + 1;
    w.offer = {
      offerId: `offer-${seq}`,
      caseId: w.item.caseId,
      agentId: agent.agentId,
      offeredAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + timeout * 1000).toISOString(),
    };
    this.publishedReasons.delete(w.item.caseId);
    this.emit(
      {
        kind: 'offer-created',
        caseId: w.item.caseId,
        queue: w.item.queue,
        offer: w.offer,
        item: w.item,
      },
      now,
    );
  }

  private publishReasons(now: Date): void {
    const whyWaiting = waitingReasons(worldOf(this.state));
    for (const w of this.state.waiting) {
      const reason = whyWaiting(w);
      if (!reason) continue;
      const key = JSON.stringify(reason);
      if (this.publishedReasons.get(w.item.caseId) === key) continue;
      this.publishedReasons.set(w.item.caseId, key);
      this.emit({ kind: 'item-waiting', caseId: w.item.caseId, queue: w.item.queue, reason }, now);
    }
  }

  /**
   * The earliest moment something falls due: an offer expiring, aging, a relaxation step or a
   * wrap-up ending.
   */
  nextDueAt(now: Date): Date | null {
    const world = worldOf(this.state);
    let earliest: number | null = null;
    const consider = (d: Date | null) => {
      if (d && (earliest === null || d.getTime() < earliest)) earliest = d.getTime();
    };
    for (const w of this.state.waiting) {
      const queue = queueOf(world, w.item.queue);
      if (w.offer) consider(new Date(w.offer.expiresAt));
      consider(nextAgingAt(w.item, queue, now));
      consider(nextRelaxationAt(w, queue.relaxation));
    }
    for (const agent of this.state.agents)
      for (const until of Object.values(agent.wrapUps)) consider(new Date(until));
    return earliest === null ? null : new Date(earliest);
  }

  /** The supervisor's and the case page's view: waiting items in work order, per-queue position. */
  snapshot(now: Date): RouterSnapshot {
    const world = worldOf(this.state);
    const whyWaiting = waitingReasons(world);
    const expectedWait = expectedWaits(world, this.state.handleTimes);
    const positions = new Map<string, number>();
    return {
      agents: copy(this.state.agents),
      waiting: workOrder(this.state.waiting, world, now).map((w) => {
        const position = (positions.get(w.item.queue) ?? 0) + 1;
        positions.set(w.item.queue, position);
        return {
          caseId: w.item.caseId,
          queue: w.item.queue,
          position,
          expectedWaitSeconds: expectedWait(w, position - 1),
          reason: whyWaiting(w),
          offer: w.offer ? { ...w.offer } : null,
          effectivePriority: effectivePriority(w.item, queueOf(world, w.item.queue), now),
          waitingSince: w.item.waitingSince,
        };
      }),
    };
  }
}
