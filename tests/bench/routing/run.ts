import { setTimeout as sleep } from 'node:timers/promises';
import { handOver } from '../../../worker/routing/handOver';
import { loadRoutingCatalogue } from '../../../worker/routing/loadRoutingCatalogue';
import { createRouterClient } from '../../../worker/routing/routerClient';
import { ApiTokenStore } from '../../../worker/store/apiTokens';
import { connectMongo } from '../../../worker/store/mongo';
import { createStores } from '../../../worker/store/stores';
import { chatContact } from '../intake/contacts';
import { openLoop } from '../intake/load';
import { relaisIntake } from '../intake/relaisIntake';
import { summarise } from '../intake/stats';
import { startWorld } from '../intake/world';
import { createAgents, setPresenceAll } from './agents';
import { tailRoutingEvents } from './eventTail';
import { decisionRate, OfferClock } from './offerClock';
import type { RoutingBenchOptions } from './options';
import { offerTraces, stageFigures } from './stages';
import { routerStateOf, timePureRound, waitingItems } from './pureRound';
import type { DecisionsPhase, RatePhase, RoutingBenchResult } from './report';
import { Responder } from './responder';

/**
 * Polls `done` every 250 ms until it holds or `timeoutMs` passes; says which. A probe that fails
 * (a query timing out on a loaded machine) counts as not yet.
 */
async function until(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (
    !(await Promise.resolve()
      .then(done)
      .catch(() => false))
  ) {
    if (Date.now() > deadline) return false;
    await sleep(250);
  }
  return true;
}

/**
 * The whole run on servers of its own (bench:intake's world: Temporal, FerretDB, the Relais
 * worker as a child process): agents, the intake-alone baselines with everyone Away, the
 * decisions phase on the cases those left waiting, then offer latency with agents answering.
 */
export async function runRoutingBench(
  opts: RoutingBenchOptions,
  log: (line: string) => void,
): Promise<RoutingBenchResult> {
  const world = await startWorld('postgresql', log, {
    cpuProfDir: null,
    cache: null,
    memoryMiB: null,
  });
  const mongo = await connectMongo(world.store.uri('relais'));
  const tail: { stop(): Promise<void> }[] = [];
  let responder: Responder | null = null;
  try {
    const stores = createStores(mongo.db);
    const router = createRouterClient(world.client, world.relaisQueue);
    const { token } = await new ApiTokenStore(mongo.db).create({
      name: 'bench',
      scopes: ['inbound:write'],
      createdBy: 'bench',
    });
    const intake = relaisIntake({
      stores,
      client: world.client,
      taskQueue: world.relaisQueue,
      token,
    });

    const agents = await createAgents(stores, opts.agents);
    await router.catalogueChanged();
    await setPresenceAll(router, agents, 'away');
    log(`${agents.length} agents in the catalogue, all Away`);

    const clock = new OfferClock();
    const offerTimes: number[] = [];
    responder = new Responder(world.client, router, opts.handleMs, log);
    tail.push(
      tailRoutingEvents(stores.routingEvents, (e, seenAt) => {
        if (e.kind !== 'offer-created') return;
        clock.offerSeen(e.caseId, seenAt, e.offer.offeredAt);
        offerTimes.push(seenAt);
        responder?.offered(e.offer);
      }),
    );

    const run = `r${Date.now().toString(36)}`;
    let n = 0;
    /** One contact through intake; remembers its case and when the 202 came. */
    const contact = (into: string[]) => async () => {
      const answer = await intake(chatContact(run, n++));
      if (answer.caseId) {
        clock.intakeAnswered(answer.caseId, performance.now());
        into.push(answer.caseId);
      }
      return answer.status === 202 ? '202' : String(answer.status);
    };

    // Baselines: the same rates with nobody Available, so the 202 is intake's alone.
    const waitingCases: string[] = [];
    const alone = new Map<number, RatePhase['intakeAlone']>();
    for (const rate of opts.rates) {
      const r = await openLoop(contact(waitingCases), rate, opts.seconds);
      alone.set(rate, r);
      log(
        `intake alone at ${rate}/s: 202 p50 ${r.latency.p50?.toFixed(0)} ms, p99 ${r.latency.p99?.toFixed(0)} ms; ${JSON.stringify(r.outcomes)}`,
      );
    }
    // The rest of the backlog goes to the router as a case's intake hands it over (the same
    // signal-with-start), without the case workflows: through intake, a thousand open chat cases
    // slowed it to ~3 contacts/s and the top-up alone took minutes. Their offers are accepted;
    // the router frees the agent when its word to the missing case fails.
    const topUp = Math.max(0, opts.waiting - waitingCases.length);
    const backlog = waitingItems(topUp, 'general', new Date()).map((w, i) => ({
      ...w.item,
      caseId: `${run}-backlog-${i}`,
    }));
    for (const item of backlog) responder.withoutCase.add(item.caseId);
    const senders = 8;
    await Promise.all(
      Array.from({ length: senders }, (_, k) =>
        handOver(
          world.client,
          world.relaisQueue,
          backlog
            .filter((_, i) => i % senders === k)
            .map((item) => ({ kind: 'route' as const, item })),
        ),
      ),
    );
    waitingCases.push(...backlog.map((item) => item.caseId));
    log(
      `${waitingCases.length} waiting: ${waitingCases.length - topUp} cases through intake, ${topUp} items handed over straight to the router; waiting for the router to hold them`,
    );
    const held = new Set(waitingCases);
    let inRouter = 0;
    await until(async () => {
      const snapshot = await router.snapshot();
      inRouter = snapshot?.waiting.filter((w) => held.has(w.caseId)).length ?? 0;
      return inRouter >= held.size;
    }, 180_000);
    log(`${inRouter} of ${held.size} cases waiting in the router; agents Available`);

    // Decisions: the agents become Available on the backlog and answer every offer.
    const decisionsFrom = performance.now();
    const offersBefore = offerTimes.length;
    responder.active = true;
    await setPresenceAll(router, agents, 'available');
    if (!(await until(() => clock.missing(held).length === 0, 180_000)))
      log(`${clock.missing(held).length} waiting cases never offered`);
    const during = offerTimes.slice(offersBefore);
    const decisions: DecisionsPhase = {
      waiting: held.size,
      handedOver: topUp,
      offers: during.length,
      seconds: (Math.max(...during, decisionsFrom) - decisionsFrom) / 1000,
      perSecond: decisionRate(decisionsFrom, during),
    };
    log(
      `decisions: ${decisions.offers} offers in ${decisions.seconds.toFixed(1)} s (${decisions.perSecond?.toFixed(1)}/s); ${JSON.stringify(responder.counts)}`,
    );
    await until(async () => ((await router.snapshot())?.waiting.length ?? 1) === 0, 180_000);
    // The backlog's resolutions still load the worker: each rate starts once they are done.
    await responder.settle();

    // Offer latency at each rate, agents answering and resolving.
    const phases: RatePhase[] = [];
    for (const rate of opts.rates) {
      const cases: string[] = [];
      const r = await openLoop(contact(cases), rate, opts.seconds);
      await until(() => clock.missing(cases).length === 0, 30_000);
      await responder.settle();
      const offer = summarise(clock.latencies(cases));
      const traces = await offerTraces(world.client, mongo.db, (id) => clock.wallTimes(id), cases);
      phases.push({
        rate,
        intakeAlone: alone.get(rate)!,
        intake: r,
        offer,
        notOffered: clock.missing(cases).length,
        stages: stageFigures(traces),
      });
      log(
        `offers at ${rate}/s: p50 ${offer.p50?.toFixed(0)} ms, p99 ${offer.p99?.toFixed(0)} ms over ${offer.count}; 202 p99 ${r.latency.p99?.toFixed(0)} ms; ${JSON.stringify(responder.counts)}`,
      );
    }

    // The router's pure round on the same catalogue and as many items, against the sort alone.
    const now = new Date();
    const catalogue = await loadRoutingCatalogue(stores);
    const state = routerStateOf(catalogue, agents, waitingItems(opts.waiting, 'general', now), now);
    const pure = { ...timePureRound(state, now, 50), waiting: opts.waiting, agents: agents.length };
    log(
      `pure round: ${pure.decisionsPerRound} decisions in ${pure.round.p50?.toFixed(2)} ms; sort ${pure.sort.p50?.toFixed(2)} ms`,
    );

    return { agents: agents.length, phases, decisions, pure };
  } finally {
    if (responder) {
      responder.active = false;
      await responder.settle();
    }
    for (const t of tail) await t.stop().catch(() => {});
    await mongo.close();
    await world.stop();
  }
}
