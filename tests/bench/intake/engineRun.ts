import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Document } from 'mongodb';
import { defaultRuleSet } from '../../../rules/defaults/defaultRuleSet';
import type { RuleSet } from '../../../rules/model/ruleSet';
import { ApiTokenStore } from '../../../worker/store/apiTokens';
import { connectMongo, mongoClientOptions } from '../../../worker/store/mongo';
import { createStores } from '../../../worker/store/stores';
import { bareSignalWithStart, bareUpdateWithStart, drainBare } from './bareIntake';
import { breachBurst, type BreachResult } from './breach';
import { historyCost, type HistoryCost } from './historyCost';
import { caseWorkflowId, customerWorkflowId } from '../../../workflows/contracts/customer';
import { emailContact } from './contacts';
import { closedLoop, type LoadResult } from './load';
import { sizeFor, sizesFor, type BenchEngine, type BenchOptions } from './options';
import { PhaseProfiler } from './phaseProfiler';
import { preload, readTemplate } from './preload';
import { relaisIntake } from './relaisIntake';
import { intakeRound, type RoundResult } from './round';
import { RssSampler, rssOf } from './rss';
import { startWorld } from './world';

export interface EngineResult {
  engine: BenchEngine;
  workerCache: string | null;
  /** Seconds of each closed- and open-loop phase, as asked. */
  phaseSeconds: number;
  bare: {
    signalWithStart: Record<string, LoadResult>;
    updateWithStart: Record<string, LoadResult>;
  };
  rounds: RoundResult[];
  preloads: { to: number; documents: number; seconds: number }[];
  breach: BreachResult | null;
  /** One contact's customer and case histories, against one bare workflow's, once intake is done. */
  history: { relais: HistoryCost; bare: HistoryCost };
  rss: {
    idle: number | null;
    bareIdle: number | null;
    bareAfter: number | null;
    peak: number | null;
    /** After the run, with this many cases open (every accepted contact leaves one). */
    atEnd: { openCases: number; bytes: number | null } | null;
    samples: { at: number; label: string; mib: number }[];
  };
  seconds: number;
}

/** The default rules, with a chat promise of one minute whatever the defaults say. */
function chatWithinAMinute(): RuleSet {
  const ruleSet: RuleSet = structuredClone(defaultRuleSet);
  for (const rule of ruleSet.rules)
    if (rule.id === 'promise-chat')
      for (const action of rule.actions)
        if (action.type === 'setPromise') action.firstResponseMinutes = 1;
  return ruleSet;
}

export async function runEngine(
  engine: BenchEngine,
  opts: BenchOptions,
  log: (line: string) => void,
): Promise<EngineResult> {
  const began = performance.now();
  const progress = (line: string) => log(`[${engine}] ${line}`);
  const profileDir = opts.cpuProf ? join(opts.cpuProf, engine) : null;
  if (profileDir) mkdirSync(join(profileDir, 'worker'), { recursive: true });
  const world = await startWorld(engine, progress, {
    cpuProfDir: profileDir && join(profileDir, 'worker'),
    cache: opts.workerCache,
    memoryMiB: opts.workerMemory,
  });
  try {
    // Pre-loading bulk-inserts while other jobs share the cores: a batch may take longer than
    // the worker's 20 s socket timeout, which is meant for activities, not for this.
    const mongo = await connectMongo(world.store.uri('relais'), {
      ...mongoClientOptions,
      socketTimeoutMS: 300_000,
      waitQueueTimeoutMS: 300_000,
    });
    try {
      const stores = createStores(mongo.db);
      await stores.ruleSets.publish(chatWithinAMinute(), {
        author: 'bench',
        comment: 'chat within a minute',
      });
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
      const rss = new RssSampler(world.relaisWorker.child.pid!);
      const tasks = mongo.db.collection<Document>('tasks');
      const run = `b${Date.now().toString(36)}`;
      let accepted = 0;

      // Warm-up, and the contact whose documents the preload clones.
      rss.label = 'warm-up';
      const idle = rss.sample();
      const bareIdle = rssOf(world.bareWorker.child.pid!);
      const template = emailContact(`${run}-t`, 0);
      const first = await intake(template);
      if (first.status !== 202 || !first.caseId)
        throw new Error(`the first contact got ${first.status}`);
      accepted += 1;
      const customerId = (
        await stores.customers.col.findOne({
          email: (template.body.customer as { email: string }).email,
        })
      )?._id;
      if (!customerId) throw new Error('the first contact left no customer');
      for (let n = 1; n < 4; n += 1)
        if ((await intake(emailContact(`${run}-w`, n))).status === 202) accepted += 1;
      await bareSignalWithStart(world.bareClient, world.bareQueue, `${run}-w`)(0);
      await bareUpdateWithStart(world.bareClient, world.bareQueue, `${run}-w`)(0);
      // Let the first contact's intake finish (task, acknowledgement) before it is cloned.
      for (
        let i = 0;
        i < 100 && !(await tasks.findOne({ _id: first.caseId as unknown as Document['_id'] }));
        i += 1
      )
        await sleep(100);
      await sleep(3_000);
      const email = (template.body.customer as { email: string }).email;
      const tpl = await readTemplate(mongo.db, customerId, first.caseId, [
        email.split('@')[0]!,
        String(template.body.messageId),
      ]);
      const history = {
        relais: await historyCost(world.client, [
          customerWorkflowId(customerId),
          caseWorkflowId(first.caseId),
        ]),
        bare: await historyCost(world.bareClient, [`bare-signal-${run}-w-0`]),
      };
      progress(
        `template contact: ${Object.entries(tpl.docs)
          .map(([k, d]) => `${k} ${d.length}`)
          .join(', ')}; history ${JSON.stringify(history)}`,
      );

      rss.label = 'bare';
      const bare = {
        signalWithStart: {} as Record<string, LoadResult>,
        updateWithStart: {} as Record<string, LoadResult>,
      };
      for (const c of opts.concurrency) {
        bare.signalWithStart[c] = await closedLoop(
          bareSignalWithStart(world.bareClient, world.bareQueue, `${run}-s${c}`),
          c,
          opts.seconds,
        );
        const backlog = await drainBare(world.bareClient, world.bareQueue);
        bare.updateWithStart[c] = await closedLoop(
          bareUpdateWithStart(world.bareClient, world.bareQueue, `${run}-u${c}`),
          c,
          opts.seconds,
        );
        await drainBare(world.bareClient, world.bareQueue);
        progress(
          `bare ×${c}: signalWithStart ${bare.signalWithStart[c].throughput.toFixed(1)}/s${backlog ? ` (${backlog} still running after 3 min)` : ''}, update-with-start ${bare.updateWithStart[c].throughput.toFixed(1)}/s`,
        );
      }
      const bareAfter = rssOf(world.bareWorker.child.pid!);

      const profiled = `0 stored: closed loop ×${Math.max(...opts.concurrency)}`;
      const profiler = profileDir
        ? {
            profiles: (label: string) => label === profiled,
            profiler: new PhaseProfiler(
              profileDir,
              () =>
                new Map([
                  [process.pid, 'bench (inbound path)'],
                  [world.relaisWorker.child.pid!, 'relais worker'],
                  [world.bareWorker.child.pid!, 'bare worker'],
                ]),
            ),
          }
        : null;
      const deps = { intake, tasks, rss, progress, onAccepted: () => (accepted += 1), profiler };
      const roundOpts = {
        run,
        singles: opts.quick ? 5 : 10,
        seconds: opts.seconds,
        concurrency: opts.concurrency,
        openRates: opts.openRates,
      };
      const rounds: RoundResult[] = [
        await intakeRound(deps, { ...roundOpts, stored: 0, run: `${run}-r0` }),
      ];

      let breach: BreachResult | null = null;
      const burst = sizeFor(opts.burst, engine);
      if (burst > 0) {
        rss.label = 'breach burst';
        breach = await breachBurst(mongo.db, intake, `${run}-chat`, burst, progress);
        accepted += breach.accepted;
        progress(
          `breach lateness p50 ${breach.lateness.p50} ms p99 ${breach.lateness.p99} ms (${breach.breached}/${breach.accepted}, promise ${breach.promiseSeconds} s)`,
        );
      }

      const preloads: EngineResult['preloads'] = [];
      let stored = 0;
      for (const to of sizesFor(opts.preload, engine)) {
        rss.label = `preload to ${to}`;
        const t = performance.now();
        const documents = await preload(mongo.db, tpl, stored, to, progress);
        const seconds = (performance.now() - t) / 1000;
        preloads.push({ to, documents, seconds });
        progress(`stored ${to} contacts: ${documents} documents in ${seconds.toFixed(1)} s`);
        stored = to;
        rounds.push(await intakeRound(deps, { ...roundOpts, stored, run: `${run}-r${to}` }));
      }

      const openCases = sizeFor(opts.openCases, engine);
      if (openCases > accepted) {
        rss.label = 'open cases';
        progress(`opening cases up to ${openCases} (now ${accepted})`);
        let n = 0;
        const until =
          opts.openCasesSeconds === null
            ? Infinity
            : performance.now() + opts.openCasesSeconds * 1000;
        await Promise.all(
          Array.from({ length: 16 }, async () => {
            while (accepted < openCases && performance.now() < until) {
              const answer = await intake(emailContact(`${run}-open`, n++)).catch(() => null);
              if (answer?.status !== 202) {
                await sleep(500);
                continue;
              }
              accepted += 1;
              if (accepted % 250 === 0)
                progress(
                  `${accepted} open cases, worker RSS ${Math.round((rss.sample() ?? 0) / 2 ** 20)} MiB`,
                );
            }
          }),
        );
      }
      // Let the last intakes settle before reading the memory they leave.
      await sleep(5_000);
      rss.label = 'end';
      const atEnd = { openCases: accepted, bytes: rss.sample() };
      rss.stop();
      return {
        engine,
        workerCache: world.workerCacheLine,
        phaseSeconds: opts.seconds,
        bare,
        rounds,
        preloads,
        breach,
        history,
        rss: {
          idle,
          bareIdle,
          bareAfter,
          peak: rss.peak(),
          atEnd,
          samples: rss.samples.map((s) => ({
            at: s.at,
            label: s.label,
            mib: Math.round(s.bytes / 2 ** 20),
          })),
        },
        seconds: (performance.now() - began) / 1000,
      };
    } finally {
      await mongo.close();
    }
  } finally {
    await world.stop();
  }
}
