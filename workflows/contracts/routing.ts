import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { type Channel, channelSchema, LangSchema, langSchema } from '../../rules/model/channel';
import { SkillOutputSchema } from '../../rules/model/skillOutput';
import { lazySchema } from './lazySchema';

/**
 * One router for every queue: an agent's capacity is shared by all the queues they serve, so
 * only a router that sees all of them can keep it (README "Routing to people").
 */
export const routerWorkflowId = 'relais-router';
/**
 * The router of the workers polling `taskQueue`: one per deployment, and one per test stack on a
 * shared test server, where stacks differ by task queue and database but share the namespace.
 */
export const routerWorkflowIdFor = (taskQueue: string): string =>
  `${routerWorkflowId}:${taskQueue}`;

/**
 * The router's activities run on a task queue of their own, so that its publishes do not wait
 * behind the cases' activities on the shared one.
 */
export const routerActivityQueueFor = (taskQueue: string): string => `${taskQueue}-router`;

/** Event batches a router stores at once; its activity worker has a slot for each, and one more. */
export const routerPublishersAtOnce = 3;

/**
 * The router's workflow tasks may take this long, not Temporal's default 10 s. After the worker
 * loses the router from its cache, the next task replays the whole run; on a loaded machine that
 * took past 10 s, and a task timed out while the worker was still completing it left a history no
 * worker could replay again (README "Routing to people — the router's design"), which stopped
 * all routing. Set at every start and carried by each continue-as-new.
 */
export const routerWorkflowTaskTimeout = '60 seconds';

/** Work that weighs alike on an agent: a call blocks everything, chats share, emails pile. */
export const capacityClasses = ['voice', 'chat', 'email'] as const;
export const CapacityClassSchema = z.enum(capacityClasses);
export type CapacityClass = z.infer<typeof CapacityClassSchema>;

const classOfChannel: Record<Channel, CapacityClass> = {
  phone: 'voice',
  video: 'voice',
  'click-to-call': 'voice',
  callback: 'voice',
  chat: 'chat',
  chatbot: 'chat',
  sms: 'chat',
  whatsapp: 'chat',
  messenger: 'chat',
  email: 'email',
  webform: 'email',
  mail: 'email',
  portal: 'email',
  social: 'email',
};
export const capacityClassOf = (channel: Channel): CapacityClass => classOfChannel[channel];

/**
 * How many items of each class an agent handles when it is their only work. Mixed work is
 * weighed as in Omni-Channel: an item takes 1/max of the agent's whole capacity, and the sum
 * stays within it. 0 means the agent takes none of that class.
 */
export const CapacitySchema = z.object({
  voice: z.number().int().min(0).max(1),
  chat: z.number().int().min(0).max(10),
  email: z.number().int().min(0).max(50),
});
export type Capacity = z.infer<typeof CapacitySchema>;
export const defaultCapacity: Capacity = { voice: 1, chat: 3, email: 10 };
/** An agent's whole capacity in units; an item of a class weighs floor(units / max). */
export const capacityUnits = 1000;

const presenceSchema = () => z.enum(['available', 'away', 'offline']);
export const PresenceSchema = presenceSchema();
export type Presence = z.infer<typeof PresenceSchema>;
export const awayReasons = [
  'break',
  'lunch',
  'meeting',
  'training',
  'admin',
  /** Set by the router after too many offers in a row went unanswered. */
  'missed-offers',
  /** Set by the designer when the desk's live connection has been gone for 60 s. */
  'disconnected',
] as const;
const awayReasonSchema = () => z.enum(awayReasons);
export const AwayReasonSchema = awayReasonSchema();
export type AwayReason = z.infer<typeof AwayReasonSchema>;

export const RoutingPolicySchema = z.enum(['longest-idle', 'most-free-capacity']);
export type RoutingPolicy = z.infer<typeof RoutingPolicySchema>;

/** A skill a case needs: at least `minLevel` (1–5); an optional one is dropped first. */
const skillRequirementSchema = () =>
  z.object({
    skill: z.string().min(1),
    minLevel: z.number().int().min(1).max(5),
    optional: z.boolean(),
  });
export const SkillRequirementSchema = skillRequirementSchema();
export type SkillRequirement = z.infer<typeof SkillRequirementSchema>;

/** Rule outputs name a skill alone (level 1, required) or with its level (rules/model). */
export { SkillOutputSchema };
export const toSkillRequirement = (s: z.infer<typeof SkillOutputSchema>): SkillRequirement =>
  typeof s === 'string' ? { skill: s, minLevel: 1, optional: false } : s;

export const RelaxationSchema = z.object({
  /** After this wait, every required level drops by `levelDrop` (never below 1). */
  lowerLevelsAfterSeconds: z.number().int().min(1).nullable(),
  levelDrop: z.number().int().min(1).max(4),
  /** After this wait, optional skills are no longer required. */
  dropOptionalAfterSeconds: z.number().int().min(1).nullable(),
});
export type Relaxation = z.infer<typeof RelaxationSchema>;

/** What the router needs to know of a queue; the catalogue's queue document holds more. */
export const QueueRoutingSchema = z.object({
  queueId: z.string().min(1),
  policy: RoutingPolicySchema,
  offerTimeoutSeconds: z.number().int().min(5).max(600),
  /** A waiting item's priority rises one step every this many minutes; 0: never. */
  agingMinutes: z.number().int().min(0),
  /** Assign without an offer (typical for email). */
  autoAccept: z.boolean(),
  /** Agents may also pull from the task list. */
  allowPull: z.boolean(),
  /** An agent goes Away after this many offers in a row time out; 0: never. */
  awayAfterMissedOffers: z.number().int().min(0).max(20),
  relaxation: RelaxationSchema,
  /**
   * After-contact work: once a case is done, its capacity stays taken this long, so the agent
   * finishes their notes before the next offer; 0: freed at once.
   */
  wrapUpSeconds: z.number().int().min(0).max(3600).default(0),
});
export type QueueRouting = z.infer<typeof QueueRoutingSchema>;
export const defaultQueueRouting = (queueId: string): QueueRouting => ({
  queueId,
  policy: 'longest-idle',
  offerTimeoutSeconds: 20,
  agingMinutes: 10,
  autoAccept: false,
  allowPull: true,
  awayAfterMissedOffers: 3,
  relaxation: { lowerLevelsAfterSeconds: 120, levelDrop: 1, dropOptionalAfterSeconds: 300 },
  wrapUpSeconds: 0,
});

export const AgentSkillSchema = z.object({
  skill: z.string().min(1),
  level: z.number().int().min(1).max(5),
});
export type AgentSkill = z.infer<typeof AgentSkillSchema>;

/** What the router needs to know of an agent; the user document holds more. */
export const AgentRoutingSchema = z.object({
  agentId: z.string().min(1),
  name: z.string(),
  skills: z.array(AgentSkillSchema),
  queues: z.array(z.string()),
  langs: z.array(LangSchema),
  capacity: CapacitySchema,
});
export type AgentRouting = z.infer<typeof AgentRoutingSchema>;

/** The catalogue as the router reads it (enabled agents only). */
export const RoutingCatalogueSchema = z.object({
  queues: z.array(QueueRoutingSchema),
  agents: z.array(AgentRoutingSchema),
});
export type RoutingCatalogue = z.infer<typeof RoutingCatalogueSchema>;

export const routeReasons = ['intake', 'transfer', 'reopen', 'callback', 'escalation'] as const;

/** A case that needs an agent, as the case workflow hands it over. Sent again on any change. */
const workItemSchema = () =>
  z.object({
    caseId: z.string().min(1),
    queue: z.string().min(1),
    priority: z.number().int().min(1).max(5),
    skills: z.array(skillRequirementSchema()),
    lang: langSchema(),
    channel: channelSchema(),
    customerName: z.string(),
    subject: z.string(),
    /** When the case started waiting; kept across re-sends so age and aging hold. */
    waitingSince: z.iso.datetime(),
    reason: z.enum(routeReasons),
    /** Agents this item must not be offered to again (a transfer away from them). */
    excludeAgents: z.array(z.string()),
  });
export const WorkItemSchema = workItemSchema();
export type WorkItem = z.infer<typeof WorkItemSchema>;

const withdrawWorkSchema = () =>
  z.object({
    caseId: z.string().min(1),
    /** Set when an agent took the case outside the router (a claim, a supervisor's assignment). */
    assignedTo: z.string().nullable(),
    reason: z.enum(['claimed', 'assigned-by-hand', 'resolved', 'closed', 'abandoned']),
    /**
     * With `assignedTo`: the case's queue and channel, so the router counts it in that agent's
     * load even when it was not waiting (a transfer between agents, a claim that crossed the
     * intake). Absent from the signals of cases from before.
     */
    queue: z.string().min(1).optional(),
    channel: channelSchema().optional(),
  });
export const WithdrawWorkSchema = withdrawWorkSchema();
export type WithdrawWork = z.infer<typeof WithdrawWorkSchema>;

/** The case no longer uses the agent's capacity: resolved, transferred or closed. */
const releaseWorkSchema = () =>
  z.object({
    caseId: z.string().min(1),
    agentId: z.string().min(1),
    /** From assignment to release, for the expected-wait estimate; null when unknown. */
    handledSeconds: z.number().min(0).nullable(),
  });
export const ReleaseWorkSchema = releaseWorkSchema();
export type ReleaseWork = z.infer<typeof ReleaseWorkSchema>;

const setPresenceSchema = () =>
  z.object({
    agentId: z.string().min(1),
    presence: presenceSchema(),
    reason: awayReasonSchema().nullable(),
  });
export const SetPresenceSchema = setPresenceSchema();
export type SetPresence = z.infer<typeof SetPresenceSchema>;

const offerResponseSchema = () =>
  z.object({
    agentId: z.string().min(1),
    offerId: z.string().min(1),
    accept: z.boolean(),
  });
export const OfferResponseSchema = offerResponseSchema();
export type OfferResponse = z.infer<typeof OfferResponseSchema>;

/** What workflow code validates with (see ./lazySchema). */
export const routerValidators = {
  workItem: lazySchema(workItemSchema),
  withdrawWork: lazySchema(withdrawWorkSchema),
  releaseWork: lazySchema(releaseWorkSchema),
  setPresence: lazySchema(setPresenceSchema),
  offerResponse: lazySchema(offerResponseSchema),
};

/** Codes the desk words in FR/EN. */
export const OfferRefusalSchema = z.enum(['offer-expired', 'offer-unknown', 'offer-not-yours']);
export const OfferResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), outcome: z.enum(['accepted', 'declined']) }),
  z.object({ ok: z.literal(false), code: OfferRefusalSchema }),
]);
export type OfferResult = z.infer<typeof OfferResultSchema>;

/** Why an item waits, as a code with parameters the UI words ("no agent with billing ≥ 3"). */
export const WaitingReasonSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('no-agent-for-queue') }),
  z.object({ code: z.literal('no-agent-with-skill'), skill: z.string(), minLevel: z.number() }),
  z.object({ code: z.literal('no-agent-speaks'), lang: LangSchema }),
  z.object({ code: z.literal('no-agent-available') }),
  z.object({ code: z.literal('no-free-capacity'), capacityClass: CapacityClassSchema }),
  z.object({ code: z.literal('all-declined') }),
  z.object({ code: z.literal('behind-other-work') }),
]);
export type WaitingReason = z.infer<typeof WaitingReasonSchema>;

export const OfferSchema = z.object({
  offerId: z.string(),
  caseId: z.string(),
  agentId: z.string(),
  offeredAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export type Offer = z.infer<typeof OfferSchema>;

const eventBase = { seq: z.number().int().min(1), at: z.iso.datetime() };
const itemRef = { caseId: z.string(), queue: z.string() };
/** Everything the router changes, in order; the live stream and the presence KPIs read these. */
export const RoutingEventSchema = z.discriminatedUnion('kind', [
  z.object({
    ...eventBase,
    kind: z.literal('item-waiting'),
    ...itemRef,
    reason: WaitingReasonSchema,
  }),
  z.object({
    ...eventBase,
    kind: z.literal('item-relaxed'),
    ...itemRef,
    step: z.enum(['levels-lowered', 'optional-dropped']),
  }),
  z.object({
    ...eventBase,
    kind: z.literal('offer-created'),
    ...itemRef,
    offer: OfferSchema,
    item: WorkItemSchema,
  }),
  z.object({
    ...eventBase,
    kind: z.literal('offer-ended'),
    ...itemRef,
    offerId: z.string(),
    agentId: z.string(),
    outcome: z.enum(['accepted', 'declined', 'expired', 'withdrawn', 'agent-left']),
  }),
  z.object({
    ...eventBase,
    kind: z.literal('assigned'),
    ...itemRef,
    agentId: z.string(),
    how: z.enum(['accepted', 'auto-accepted', 'by-hand']),
  }),
  z.object({ ...eventBase, kind: z.literal('item-withdrawn'), ...itemRef }),
  z.object({ ...eventBase, kind: z.literal('released'), caseId: z.string(), agentId: z.string() }),
  z.object({
    ...eventBase,
    kind: z.literal('wrap-up'),
    caseId: z.string(),
    agentId: z.string(),
    until: z.iso.datetime(),
  }),
  z.object({
    ...eventBase,
    kind: z.literal('presence'),
    agentId: z.string(),
    presence: PresenceSchema,
    reason: AwayReasonSchema.nullable(),
  }),
]);
export type RoutingEvent = z.infer<typeof RoutingEventSchema>;

export const AgentStateSchema = z.object({
  agentId: z.string(),
  name: z.string(),
  presence: PresenceSchema,
  awayReason: AwayReasonSchema.nullable(),
  presenceSince: z.iso.datetime(),
  /** Since when the agent has had no work: the "longest idle" policy's clock. */
  idleSince: z.iso.datetime().nullable(),
  /** caseId → capacity class of the work the agent holds. */
  load: z.record(z.string(), CapacityClassSchema),
  missedOffersInARow: z.number().int().min(0),
  /** caseId → end of its wrap-up: done, but still in `load` until then. */
  wrapUps: z.record(z.string(), z.iso.datetime()).default({}),
});
export type AgentState = z.infer<typeof AgentStateSchema>;

export const WaitingItemSchema = z.object({
  item: WorkItemSchema,
  /** Agents who declined it or let it expire: never offered it again. */
  passedBy: z.array(z.string()),
  relaxed: z.array(z.enum(['levels-lowered', 'optional-dropped'])),
  offer: OfferSchema.nullable(),
});
export type WaitingItem = z.infer<typeof WaitingItemSchema>;

/** The router's whole state: what continue-as-new carries and the supervisor view reads. */
export const RouterStateSchema = z.object({
  catalogue: RoutingCatalogueSchema,
  agents: z.array(AgentStateSchema),
  waiting: z.array(WaitingItemSchema),
  /** Recent handle times per queue (seconds, newest last, at most 20), for expected waits. */
  handleTimes: z.record(z.string(), z.array(z.number())),
  seq: z.number().int().min(0),
  /** caseId → queue of the work agents hold, so a release records its handle time per queue. */
  heldQueues: z.record(z.string(), z.string()).default({}),
  /** Offers that ended lately (newest last, bounded), so a late answer gets a precise refusal. */
  endedOffers: z
    .array(
      z.object({
        offerId: z.string(),
        agentId: z.string(),
        outcome: z.enum(['accepted', 'declined', 'expired', 'withdrawn', 'agent-left']),
      }),
    )
    .default([]),
});
export type RouterState = z.infer<typeof RouterStateSchema>;

/** `state` null: a first start, which loads the catalogue. The budget is lowered by tests. */
export const RouterWorkflowInputSchema = z.object({
  state: RouterStateSchema.nullable(),
  historyEventBudget: z.number().int().min(100).optional(),
  /** What the previous run decided but had not yet published or told the case, in order. */
  unpublished: z.array(RoutingEventSchema).optional(),
  untold: z
    .array(z.object({ caseId: z.string(), agentId: z.string(), offerId: z.string().nullable() }))
    .optional(),
});
export type RouterWorkflowInput = z.input<typeof RouterWorkflowInputSchema>;

export const WaitingViewSchema = z.object({
  caseId: z.string(),
  queue: z.string(),
  position: z.number().int().min(1),
  expectedWaitSeconds: z.number().int().min(0).nullable(),
  reason: WaitingReasonSchema.nullable(),
  offer: OfferSchema.nullable(),
  effectivePriority: z.number().int(),
  waitingSince: z.iso.datetime(),
});
export type WaitingView = z.infer<typeof WaitingViewSchema>;

export const RouterSnapshotSchema = z.object({
  agents: z.array(AgentStateSchema),
  waiting: z.array(WaitingViewSchema),
});
export type RouterSnapshot = z.infer<typeof RouterSnapshotSchema>;

export const routeWorkSignal = defineSignal<[WorkItem]>('routeWork');
export const withdrawWorkSignal = defineSignal<[WithdrawWork]>('withdrawWork');
export const releaseWorkSignal = defineSignal<[ReleaseWork]>('releaseWork');
/** The catalogue changed: the router reloads queues and agents through an activity. */
export const catalogueChangedSignal = defineSignal<[]>('catalogueChanged');
export const setPresenceUpdate = defineUpdate<AgentState, [SetPresence]>('setPresence');
export const respondOfferUpdate = defineUpdate<OfferResult, [OfferResponse]>('respondOffer');
export const routerSnapshotQuery = defineQuery<RouterSnapshot>('routerSnapshot');

/** What one agent holds and may hold, for a claim to check it fits; null for an unknown agent. */
export interface AgentRoom {
  load: AgentState['load'];
  capacity: Capacity;
}
export const agentRoomQuery = defineQuery<AgentRoom | null, [string]>('agentRoom');

/** Router → case: the agent accepted (or auto-accepted) the case. */
export const RoutedAssignmentSchema = z.object({
  agentId: z.string().min(1),
  offerId: z.string().nullable(),
});
export type RoutedAssignment = z.infer<typeof RoutedAssignmentSchema>;
export const routedAssignmentSignal = defineSignal<[RoutedAssignment]>('routedAssignment');

/** The router's I/O, done by the worker. */
export interface RouterActivities {
  loadRoutingCatalogue(): Promise<RoutingCatalogue>;
  /** Idempotent by `seq`: the live stream, presence KPIs and case timelines read them. */
  publishRoutingEvents(events: RoutingEvent[]): Promise<void>;
  /** The highest seq stored (0 when none): a router started afresh numbers on from it. */
  lastRoutingEventSeq(): Promise<number>;
}
