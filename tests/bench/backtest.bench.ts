/**
 * `npm run bench:backtest`: a backtest of 10,000 stored contacts on a real FerretDB, timed end to
 * end (read + evaluate), with the old way of reading full decision documents as the baseline.
 * Not a test: it prints a table and writes tests/artifacts/bench-backtest.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../launcher/ports';
import { repoRoot } from '../../launcher/paths';
import { provisionOrExit } from '../../launcher/provision';
import { mongoUriFor, startEmbeddedStore } from '../../launcher/services';
import { loadConfig } from '../../worker/config';
import { backtest } from '../../rules/backtest/backtest';
import { defaultCalendar } from '../../rules/calendar/defaultCalendar';
import { decide } from '../../rules/engine/decide';
import { buildFacts } from '../../rules/facts/buildFacts';
import { defaultRuleSet } from '../../rules/defaults/defaultRuleSet';
import { channels } from '../../rules/model/channel';
import { connectMongo } from '../../worker/store/mongo';
import type { DecisionDoc } from '../../worker/store/documents';
import { createStores } from '../../worker/store/stores';

const contacts = Number(process.env.BENCH_CONTACTS ?? 10_000);

await provisionOrExit();
const dir = mkdtempSync(join(tmpdir(), 'relais-bench-'));
const port = await freePort();
// The engine of `npm start` (RELAIS_STORE_ENGINE picks the other).
const ferret = await startEmbeddedStore({
  engine: loadConfig().RELAIS_STORE_ENGINE,
  port,
  dataDir: dir,
  output: join(dir, 'ferretdb.log'),
});
// FerretDB runs in its own process group: stop it on Ctrl-C too.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void ferret.stop().then(() => process.exit(130)));
try {
  const mongo = await connectMongo(mongoUriFor(port, 'bench'));
  const stores = createStores(mongo.db);
  await stores.decisions.ensureIndexes();
  console.log(`[bench] storing ${contacts} decisions…`);
  const t0 = Date.now();
  // Seeding is not what is measured: write in batches, in both of DecisionStore's collections.
  const batch: DecisionDoc[] = [];
  const flush = async () => {
    await stores.decisions.col.insertMany(batch);
    await stores.decisions.backtestCol.insertMany(
      batch.map((d) => ({
        _id: d._id,
        caseId: d.caseId,
        decidedAt: d.decidedAt,
        facts: d.facts,
        decision: {
          ...d.result.decision,
          explanation: { ...d.result.decision.explanation, rules: [] },
        },
      })),
    );
    batch.length = 0;
  };
  for (let i = 0; i < contacts; i += 1) {
    const receivedAt = new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString();
    const facts = buildFacts({
      message: {
        channel: channels[i % 8]!,
        previousChannel: null,
        category: i % 3 === 0 ? 'facturation' : null,
        subject: i % 3 === 0 ? 'Erreur sur ma facture' : 'Question',
        text: i % 5 === 0 ? 'C’est inadmissible, je veux un remboursement.' : 'Bonjour.',
        lang: i % 2 ? 'fr' : 'en',
        receivedAt,
        callbackRequested: false,
      },
      customer: { tier: i % 7 === 0 ? 'premium' : 'standard', segment: 'B2C', lastCsat: null },
      history: { openCases: 0, contactsLast7Days: i % 4, channelSwitches: 0, minutesWaiting: 0 },
      withinBusinessHours: i % 2 === 0,
    });
    batch.push({
      _id: `case-${i}:initial:m${i}`,
      caseId: `case-${i}`,
      customerId: `customer-${i}`,
      reason: 'initial',
      facts,
      result: { decision: await decide(defaultRuleSet, facts), calendar: defaultCalendar },
      decidedAt: new Date(receivedAt),
    });
    if (batch.length === 500) {
      await flush();
      console.log(`[bench] ${i + 1}/${contacts}`);
    }
  }
  if (batch.length) await flush();
  console.log(`[bench] stored in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const draft = structuredClone(defaultRuleSet);
  draft.rules = draft.rules.map((r) =>
    r.id === 'route-billing'
      ? { ...r, actions: [{ type: 'route', queue: 'billing-2', skills: [] }] }
      : r,
  );

  const time = async (fn: () => Promise<unknown>) => {
    const start = performance.now();
    await fn();
    return (performance.now() - start) / 1000;
  };
  const baseline = await time(async () => {
    const full = await stores.decisions.latest(contacts);
    backtest(
      draft,
      null,
      full.map((d) => ({ caseId: d.caseId, facts: d.facts, decision: d.result.decision })),
    );
  });
  const ours = await time(async () => {
    backtest(draft, null, await stores.decisions.recentForBacktest(contacts));
  });
  const result = {
    contacts,
    baselineFullDocumentsSeconds: Number(baseline.toFixed(2)),
    backtestSeconds: Number(ours.toFixed(2)),
    speedup: Number((baseline / ours).toFixed(1)),
  };
  console.log(`
| contacts | full decision documents (baseline) | slim backtest documents | speed-up |
| ---: | ---: | ---: | ---: |
| ${contacts} | ${result.baselineFullDocumentsSeconds} s | ${result.backtestSeconds} s | ${result.speedup}× |`);
  mkdirSync(join(repoRoot, 'tests', 'artifacts'), { recursive: true });
  writeFileSync(
    join(repoRoot, 'tests', 'artifacts', 'bench-backtest.json'),
    JSON.stringify(result, null, 2),
  );
  await mongo.close();
} finally {
  await ferret.stop();
  rmSync(dir, { recursive: true, force: true });
}
