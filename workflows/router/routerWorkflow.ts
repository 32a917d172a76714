import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import { caseWorkflowId } from '../contracts/customer';
import {
  catalogueChangedSignal,
  OfferResponseSchema,
  ReleaseWorkSchema,
  respondOfferUpdate,
  routedAssignmentSignal,
  releaseWorkSignal,
  type RouterActivities,
  routerSnapshotQuery,
  type RouterWorkflowInput,
  RouterWorkflowInputSchema,
  routeWorkSignal,
  SetPresenceSchema,
  setPresenceUpdate,
  WithdrawWorkSchema,
  withdrawWorkSignal,
  WorkItemSchema,
} from '../contracts/routing';
import { workflowNow } from '../lib/clock';
import { type CaseAssignment, RouterModel } from './routerModel';

/** Continue-as-new past this many history events even before Temporal suggests it. */
export const defaultRouterHistoryBudget = 10_000;

// No maximum attempts: an event batch or the catalogue is retried until the store answers,
// never dropped.
const acts = proxyActivities<RouterActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', backoffCoefficient: 2 },
});

/**
 * The one router for every queue (README "Routing to people — the router's design"). Handlers
 * only change the model, synchronously, so they never interleave; this loop is the only place
 * that waits on I/O: it reloads the catalogue, runs routing rounds, and hands events and
 * assignments out. Timing (offer expiry, aging, relaxation) is one timer: the earliest due moment.
 */
export async function routerWorkflow(input: RouterWorkflowInput): Promise<never> {
  const { state, historyEventBudget = defaultRouterHistoryBudget } =
    RouterWorkflowInputSchema.parse(input);
  const model = new RouterModel(state ?? RouterModel.emptyState());
  let catalogueStale = state === null;
  let catalogueLoaded = state !== null;
  const loaded = () => catalogueLoaded;

  // A malformed signal is dropped with a warning: throwing in a signal handler would fail the
  // workflow task again and again, blocking every queue.
  const onSignal =
    <T>(
      schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false } },
      apply: (value: T) => void,
    ) =>
    (raw: unknown) => {
      const parsed = schema.safeParse(raw);
      if (parsed.success) apply(parsed.data);
      else log.warn('router: malformed signal dropped', { raw });
    };
  setHandler(
    routeWorkSignal,
    onSignal(WorkItemSchema, (item) => model.routeWork(item, workflowNow())),
  );
  setHandler(
    withdrawWorkSignal,
    onSignal(WithdrawWorkSchema, (w) => model.withdrawWork(w, workflowNow())),
  );
  setHandler(
    releaseWorkSignal,
    onSignal(ReleaseWorkSchema, (r) => model.releaseWork(r, workflowNow())),
  );
  setHandler(catalogueChangedSignal, () => {
    catalogueStale = true;
  });
  setHandler(routerSnapshotQuery, () => model.snapshot(workflowNow()));

  const knownAgent = (agentId: string) => {
    if (loaded() && !model.knowsAgent(agentId))
      throw ApplicationFailure.create({
        type: 'agent-unknown',
        message: `the router knows no agent ${agentId}`,
        nonRetryable: true,
      });
  };
  setHandler(
    setPresenceUpdate,
    async (change) => {
      // On a first start the catalogue is still loading: wait for it, then check again.
      await condition(loaded);
      knownAgent(change.agentId);
      return structuredClone(model.setPresence(change, workflowNow()));
    },
    {
      validator: (change) => {
        knownAgent(SetPresenceSchema.parse(change).agentId);
      },
    },
  );
  setHandler(respondOfferUpdate, (response) => model.respondOffer(response, workflowNow()), {
    validator: (response) => {
      OfferResponseSchema.parse(response);
    },
  });

  // One batch at a time, in seq order: a batch is taken only once the one before is stored.
  const publishLock = new Mutex();
  const publish = () =>
    publishLock.runExclusive(async () => {
      const batch = model.takeEvents();
      if (batch.length > 0) await acts.publishRoutingEvents(batch);
    });
  let signalsInFlight = 0;
  const tellCase = async (a: CaseAssignment) => {
    signalsInFlight += 1;
    try {
      await getExternalWorkflowHandle(caseWorkflowId(a.caseId)).signal(routedAssignmentSignal, {
        agentId: a.agentId,
        offerId: a.offerId,
      });
    } catch {
      model.caseUnreachable(a, workflowNow());
    } finally {
      signalsInFlight -= 1;
    }
  };
  const idle = () =>
    !model.dirty &&
    !catalogueStale &&
    !model.hasEvents() &&
    !publishLock.isLocked() &&
    signalsInFlight === 0;

  if (state === null) model.numberAfter(await acts.lastRoutingEventSeq());
  for (;;) {
    if (catalogueStale) {
      catalogueStale = false;
      model.applyCatalogue(await acts.loadRoutingCatalogue(), workflowNow());
      catalogueLoaded = true;
    }
    model.route(workflowNow());
    if (model.hasEvents()) void publish();
    for (const a of model.takeAssignments()) void tellCase(a);

    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > historyEventBudget) {
      // Everything decided is published and told before the state moves to a new run.
      await condition(() => (idle() && allHandlersFinished()) || model.dirty || catalogueStale);
      if (idle() && allHandlersFinished())
        return continueAsNew<typeof routerWorkflow>({ state: model.carry(), historyEventBudget });
      continue;
    }
    const due = model.nextDueAt(workflowNow());
    const wake = () => model.dirty || catalogueStale || workflowInfo().continueAsNewSuggested;
    if (due === null) await condition(wake);
    else {
      const inMs = due.getTime() - workflowNow().getTime();
      if (inMs > 0) await condition(wake, inMs);
    }
  }
}
