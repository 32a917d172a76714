import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  makeContinueAsNewFunc,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import { z } from 'zod';
import { caseWorkflowId } from '../contracts/customer';
import {
  agentRoomQuery,
  catalogueChangedSignal,
  respondOfferUpdate,
  routedAssignmentSignal,
  releaseWorkSignal,
  type RouterActivities,
  routerSnapshotQuery,
  routerValidators as validate,
  type RouterWorkflowInput,
  routeWorkSignal,
  routerActivityQueueFor,
  routerPublishersAtOnce,
  routerWorkflowTaskTimeout,
  setPresenceUpdate,
  withdrawWorkSignal,
} from '../contracts/routing';
import { workflowNow } from '../lib/clock';
import { rollOverUpdate } from './rollOver';
import { type CaseAssignment, copy, RouterModel } from './routerModel';

/**
 * Continue-as-new past this many history events, or this many bytes, even before Temporal
 * suggests it. Kept small: when the worker loses the router from its cache (a speculative update
 * task the server dropped, a task past its timeout), the next task replays the whole run, and at
 * 3,000 events (1.5 MB) that replay took 5–10 s on the loaded bench machine, past the 10 s task
 * timeout, which lost the cache again.
 */
export const defaultRouterHistoryBudget = 1_500;
const defaultRouterHistoryBytes = 1_000_000;

// No maximum attempts: an event batch or the catalogue is retried until the store answers,
// never dropped.
const activityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', backoffCoefficient: 2 },
} as const;

/**
 * The one router for every queue (README "Routing to people — the router's design"). Handlers
 * only change the model, synchronously, so they never interleave; this loop is the only place
 * that waits on I/O: it reloads the catalogue, runs routing rounds, and hands events and
 * assignments out. Timing (offer expiry, aging, relaxation) is one timer: the earliest due moment.
 */
export async function routerWorkflow(input: RouterWorkflowInput): Promise<never> {
  const { state } = input;
  // Runs from before the smaller budgets kept the old ones (replay).
  const smallHistory = patched('router-history-budget');
  const historyEventBudget =
    input.historyEventBudget ?? (smallHistory ? defaultRouterHistoryBudget : 10_000);
  // Counted past the carried state, so a big backlog does not continue-as-new again at once.
  const historyByteBudget = smallHistory
    ? workflowInfo().historySize + defaultRouterHistoryBytes
    : Infinity;
  // On a task queue of their own, so a publish never waits behind the cases' activities; runs
  // from before kept the shared one.
  const acts = proxyActivities<RouterActivities>({
    ...activityOptions,
    taskQueue: patched('router-activity-queue')
      ? routerActivityQueueFor(workflowInfo().taskQueue)
      : undefined,
  });
  const model = new RouterModel(state ?? RouterModel.emptyState());
  model.requeue(input.unpublished ?? [], input.untold ?? []);
  let catalogueStale = state === null;
  let catalogueLoaded = state !== null;
  const loaded = () => catalogueLoaded;

  // zod's functional form throughout: a schema's methods are bound on first use, which the
  // sandbox's frozen modules refuse in every run but the first.
  // A malformed signal is dropped with a warning: throwing in a signal handler would fail the
  // workflow task again and again, blocking every queue.
  const onSignal =
    <T>(schema: z.ZodType<T>, apply: (value: T) => void) =>
    (raw: unknown) => {
      const parsed = z.safeParse(schema, raw);
      if (parsed.success) apply(parsed.data);
      else log.warn('router: malformed signal dropped', { raw });
    };
  setHandler(
    routeWorkSignal,
    onSignal(validate.workItem(), (item) => model.routeWork(item, workflowNow())),
  );
  setHandler(
    withdrawWorkSignal,
    onSignal(validate.withdrawWork(), (w) => model.withdrawWork(w, workflowNow())),
  );
  setHandler(
    releaseWorkSignal,
    onSignal(validate.releaseWork(), (r) => model.releaseWork(r, workflowNow())),
  );
  setHandler(catalogueChangedSignal, () => {
    catalogueStale = true;
  });
  // Only a run that accepted the update continues-as-new for it: no history from before has one.
  let rollOverAsked = false;
  setHandler(rollOverUpdate, () => {
    rollOverAsked = true;
    return workflowInfo().runId;
  });
  setHandler(routerSnapshotQuery, () => model.snapshot(workflowNow()));
  setHandler(agentRoomQuery, (agentId) => model.room(agentId));

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
      return copy(model.setPresence(change, workflowNow()));
    },
    {
      validator: (change) => {
        knownAgent(z.parse(validate.setPresence(), change).agentId);
      },
    },
  );
  setHandler(respondOfferUpdate, (response) => model.respondOffer(response, workflowNow()), {
    validator: (response) => {
      z.parse(validate.offerResponse(), response);
    },
  });

  // Runs from before published one batch at a time, in seq order: each waited for the one
  // before to be stored and for the next workflow task (README "Routing bench"). Now up to
  // `routerPublishersAtOnce` batches are stored side by side, each taking what is pending when
  // it starts, so seqs may land out of order: the live tail holds a later seq back while an
  // earlier one is still landing. Both stop at a continue-as-new, which carries what is left.
  const sideBySide = patched('router-publish-side-by-side');
  const publishLock = new Mutex();
  let publishing = 0;
  let carrying = false;
  const publishInOrder = () =>
    publishLock.runExclusive(async () => {
      while (model.hasEvents() && !carrying) await acts.publishRoutingEvents(model.takeEvents());
    });
  const publishSideBySide = (): void => {
    if (carrying || publishing >= routerPublishersAtOnce || !model.hasEvents()) return;
    publishing += 1;
    void acts.publishRoutingEvents(model.takeEvents()).finally(() => {
      publishing -= 1;
      publishSideBySide();
    });
  };
  const publish = () => {
    if (sideBySide) publishSideBySide();
    else if (model.hasEvents() && !publishLock.isLocked()) void publishInOrder();
  };
  const publishesDone = () => !publishLock.isLocked() && publishing === 0;
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

  if (state === null) model.numberAfter(await acts.lastRoutingEventSeq());
  for (;;) {
    if (catalogueStale) {
      catalogueStale = false;
      model.applyCatalogue(await acts.loadRoutingCatalogue(), workflowNow());
      catalogueLoaded = true;
    }
    model.route(workflowNow());
    publish();
    for (const a of model.takeAssignments()) void tellCase(a);

    const info = workflowInfo();
    if (
      rollOverAsked ||
      info.continueAsNewSuggested ||
      info.historyLength > historyEventBudget ||
      info.historySize > historyByteBudget
    ) {
      // Stop handing out, let what is in flight land, then fold in what arrived meanwhile and
      // carry it, unsent, to the next run: waiting for a quiet moment could wait forever.
      carrying = true;
      await condition(() => publishesDone() && signalsInFlight === 0 && allHandlersFinished());
      model.route(workflowNow());
      return makeContinueAsNewFunc<typeof routerWorkflow>({
        workflowTaskTimeout: routerWorkflowTaskTimeout,
      })({
        state: model.carry(),
        historyEventBudget: input.historyEventBudget,
        unpublished: model.takeEvents(),
        untold: model.takeAssignments(),
      });
    }
    const due = model.nextDueAt(workflowNow());
    const wake = () =>
      model.dirty || catalogueStale || rollOverAsked || workflowInfo().continueAsNewSuggested;
    if (due === null) await condition(wake);
    else {
      const inMs = due.getTime() - workflowNow().getTime();
      if (inMs > 0) await condition(wake, inMs);
    }
  }
}
