/**
 * The search and the customer list (`worker/store/search.ts`) on the embedded FerretDB over
 * PostgreSQL, holding BENCH_SEARCH customers and as many cases (default 100,000 each), stored
 * with the keys their writes keep. In one run, each kind of query through the kept keys and the
 * same question as an unindexed regex scan (the baseline) and, where it differs, as the store
 * asked it before (search-v1: the customer list sorted by FerretDB, every word in one query),
 * BENCH_CALLS times (default 20, at most BENCH_SECONDS = 20 s each): p50 / p95; BENCH_QUERIES (a
 * regex) keeps the queries it names. BENCH_DIR keeps the store there, seeded once, so that a
 * long run can be split into several. Not a test.
 *
 *   node --import tsx tests/bench/search.bench.ts
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../launcher/ports';
import { provisionOrExit } from '../../launcher/provision';
import { startEmbeddedStore } from '../../launcher/services';
import { connectMongo, mongoClientOptions } from '../../worker/store/mongo';
import { caseHourKey } from '../../worker/store/search';
import { contactHourOf, CustomerContacts } from '../../worker/store/searchContacts';
import { caseKeys, customerKeys } from '../../worker/store/searchKeys';
import { createStores, ensureIndexes, type Stores } from '../../worker/store/stores';
import { percentile } from './intake/stats';

const total = Number(process.env.BENCH_SEARCH ?? 100_000);
const maxCalls = Number(process.env.BENCH_CALLS ?? 20);
const maxSeconds = Number(process.env.BENCH_SECONDS ?? 20);
const only = new RegExp(process.env.BENCH_QUERIES ?? '', 'i');
const batch = 2_000;

const firsts = ['Éloïse', 'Jean', 'Marie', 'Luc', 'Chloé', 'Hugo', 'Inès', 'Paul', 'Léa', 'Noah'];
const syllables = [
  'du',
  'pon',
  'mar',
  'bel',
  'ri',
  'chard',
  'lef',
  'èvre',
  'gar',
  'nier',
  'mo',
  'rel',
];
const words = [
  'facture',
  'commande',
  'livraison',
  'retard',
  'remboursement',
  'colis',
  'abonnement',
  'résiliation',
  'paiement',
  'carte',
  'compte',
  'adresse',
  'erreur',
  'produit',
  'cassé',
  'échange',
  'garantie',
  'réclamation',
  'urgent',
  'merci',
  'bonjour',
  'toujours',
  'reçu',
  'depuis',
  'semaine',
  'client',
];
/** A word that every 1,000th case holds: a rare word, as most searched words are. */
const rare = 'photocopieuse';
const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;
const lastName = (i: number) =>
  pick(syllables, i) + pick(syllables, Math.floor(i / 12)) + pick(syllables, Math.floor(i / 144));
const nameOf = (i: number) => `${pick(firsts, i * 7)} ${lastName(i)}`;
const phoneOf = (i: number) => `+336${String(10_000_000 + i).padStart(8, '0')}`;
const emailOf = (i: number) => `client${i}@exemple.fr`;
const start = Date.parse('2025-01-01T00:00:00Z');
const caseIds: string[] = [];

async function seed(stores: Stores): Promise<void> {
  const db = stores.customers.col.db;
  const customers = db.collection('customers');
  const cases = db.collection('caseSearch');
  const hours = new Map<string, Set<string>>();
  for (let from = 0; from < total; from += batch) {
    const n = Math.min(batch, total - from);
    const docs = Array.from({ length: n }, (_, k) => {
      const i = from + k;
      const c = { name: nameOf(i), email: emailOf(i), phone: phoneOf(i), handle: `@h${i}` };
      const lastContactAt = new Date(start + ((i * 7919) % total) * 60_000);
      return {
        _id: `cust-${i}`,
        ...c,
        address: null,
        tier: 'standard',
        segment: 'B2C',
        lang: 'fr',
        timezone: 'Europe/Paris',
        smsOptIn: false,
        lastCsat: null,
        createdAt: new Date(start),
        lastContactAt,
        contactHour: contactHourOf(lastContactAt),
        searchKeys: customerKeys(c),
      };
    });
    await customers.insertMany(docs as never[], { ordered: false });
    const caseDocs = Array.from({ length: n }, (_, k) => {
      const i = from + k;
      const caseId = randomUUID();
      caseIds.push(caseId);
      const subject = `${pick(words, i)} ${pick(words, i * 3 + 1)}`;
      const text = `${Array.from({ length: 12 }, (_, w) => pick(words, i * 5 + w * 7)).join(' ')}${
        i % 1000 === 0 ? ` ${rare}` : ''
      }`;
      const openedAt = new Date(start + i * 60_000);
      const hour = caseHourKey(openedAt).slice(2);
      hours.set(hour.slice(0, 10), (hours.get(hour.slice(0, 10)) ?? new Set()).add(hour.slice(11)));
      return {
        _id: caseId,
        customerId: `cust-${i}`,
        subject,
        openedAt,
        keys: [caseHourKey(openedAt), ...caseKeys({ caseId, subject, text })],
      };
    });
    await cases.insertMany(caseDocs as never[], { ordered: false });
  }
  await db
    .collection('caseSearchHours')
    .insertMany([...hours].map(([_id, h]) => ({ _id, h: [...h] }) as never));
  // The customer list's hour counters, as the store's writes keep them.
  await new CustomerContacts(db).recount();
}

interface Query {
  name: string;
  run: (s: Stores, call: number) => Promise<unknown>;
  /** The same question without the keys: a regex over every document. */
  baseline: (s: Stores, call: number) => Promise<unknown>;
  /** The same question as search-v1 asked it. */
  before?: (s: Stores, call: number) => Promise<unknown>;
}

/** Search-v1's case and customer words: every key in one query, the first 100 matches sorted here. */
const allInOne = (s: Stores, collection: string, field: string, keys: string[]) =>
  s.customers.col.db
    .collection(collection)
    .find({
      [field]: keys[0],
      ...(keys.length > 1 ? { $and: keys.slice(1).map((k) => ({ [field]: k })) } : {}),
    })
    .limit(100)
    .toArray();
/** Search-v1's customer list: sorted by FerretDB over every customer. */
const sortedList = (s: Stores, page: number) =>
  s.customers.col
    .find({})
    .sort({ lastContactAt: -1, _id: 1 })
    .skip(page * 50)
    .limit(50)
    .toArray();

const scan = (s: Stores, collection: string, filter: object) =>
  s.customers.col.db.collection(collection).find(filter).limit(20).toArray();
const someone = (call: number) => (call * 4_099 + 17) % total;
const national = (i: number) => `0${phoneOf(i).slice(3)}`.replace(/(\d\d)(?=\d)/g, '$1 ');

const queries: Query[] = [
  {
    name: 'phone, written "06 12 34 56 78"',
    run: (s, c) => s.search.search(national(someone(c))),
    baseline: (s, c) =>
      scan(s, 'customers', { phone: { $regex: `${phoneOf(someone(c)).slice(3)}$` } }),
  },
  {
    name: 'email',
    run: (s, c) => s.search.search(emailOf(someone(c)).toUpperCase()),
    baseline: (s, c) =>
      scan(s, 'customers', { email: { $regex: `^${emailOf(someone(c))}$`, $options: 'i' } }),
  },
  {
    name: 'name, two words ("eloise dupon…")',
    run: (s, c) => s.search.search(`éloïse ${lastName(someone(c))}`),
    baseline: (s, c) =>
      scan(s, 'customers', {
        name: { $regex: `^Éloïse ${lastName(someone(c))}`, $options: 'i' },
      }),
  },
  {
    name: 'name, one short prefix ("dupo", many match)',
    run: (s) => s.search.search('dupo'),
    baseline: (s) => scan(s, 'customers', { name: { $regex: '\\bdupo', $options: 'i' } }),
    before: (s) => allInOne(s, 'customers', 'searchKeys', ['n:dupo']),
  },
  {
    name: 'handle',
    run: (s, c) => s.search.search(`@h${someone(c)}`),
    baseline: (s, c) => scan(s, 'customers', { handle: `@h${someone(c)}` }),
  },
  {
    name: 'case reference',
    run: (s, c) => s.search.search(caseIds[someone(c)]!.slice(0, 8).toUpperCase()),
    baseline: (s, c) =>
      scan(s, 'caseSearch', { _id: { $regex: `^${caseIds[someone(c)]!.slice(0, 8)}` } }),
  },
  {
    name: `case word, rare ("${rare}", 1 case in 1,000)`,
    run: (s) => s.search.search(rare),
    baseline: (s) => scan(s, 'caseSearch', { subject: { $regex: rare, $options: 'i' } }),
    before: (s) => allInOne(s, 'caseSearch', 'keys', [`w:${rare}`]),
  },
  {
    name: 'case words, common, accent left out ("reclamation urgent")',
    run: (s) => s.search.search('reclamation urgent'),
    baseline: (s) =>
      scan(s, 'caseSearch', {
        subject: { $regex: 'réclamation', $options: 'i' },
        $and: [{ subject: { $regex: 'urgent', $options: 'i' } }],
      }),
    before: (s) => allInOne(s, 'caseSearch', 'keys', ['w:reclamation', 'w:urgent']),
  },
  {
    name: 'customer list, page 1 (by last contact)',
    run: (s) => s.search.customerPage(0, 50),
    baseline: (s) => s.customers.col.find({}).skip(0).limit(50).toArray(),
    before: (s) => sortedList(s, 0),
  },
  {
    name: 'customer list, page 1,000',
    run: (s) => s.search.customerPage(999, 50),
    baseline: (s) =>
      s.customers.col
        .find({})
        .skip(999 * 50)
        .limit(50)
        .toArray(),
    before: (s) => sortedList(s, 999),
  },
];

async function time(run: (s: Stores, call: number) => Promise<unknown>, stores: Stores) {
  await run(stores, maxCalls); // warm the connection and the plan
  const ms: number[] = [];
  const began = performance.now();
  while (ms.length < maxCalls && performance.now() - began < maxSeconds * 1000) {
    const c = performance.now();
    await run(stores, ms.length);
    ms.push(performance.now() - c);
  }
  return { p50: percentile(ms, 50)!, p95: percentile(ms, 95)!, calls: ms.length };
}

await provisionOrExit();
const kept = process.env.BENCH_DIR;
const dir = kept ?? mkdtempSync(join(tmpdir(), 'relais-bench-search-'));
if (kept) mkdirSync(kept, { recursive: true });
const store = await startEmbeddedStore({
  engine: 'postgresql',
  port: await freePort(),
  dataDir: dir,
  output: join(dir, 'ferretdb.log'),
});
try {
  const mongo = await connectMongo(store.uri('bench'), {
    ...mongoClientOptions,
    socketTimeoutMS: 0,
  });
  try {
    const stores = createStores(mongo.db);
    await ensureIndexes(stores);
    const stored = await stores.customers.col.estimatedDocumentCount();
    if (stored === 0) {
      const t = performance.now();
      await seed(stores);
      const seconds = (performance.now() - t) / 1000;
      console.log(
        `[bench] ${total} customers and ${total} cases stored in ${seconds.toFixed(1)} s`,
      );
    } else {
      const ids = await mongo.db.collection('caseSearch').find({}, { projection: { _id: 1 } });
      for await (const { _id } of ids) caseIds.push(String(_id));
      console.log(`[bench] ${stored} customers and ${caseIds.length} cases kept in ${dir}`);
    }
    const f = (ms: number) => ms.toFixed(1).padStart(9);
    const cell = (r?: { p50: number; p95: number }) =>
      r ? `${f(r.p50)} | ${f(r.p95)}` : '        – |         –';
    console.log(
      `\n| query | keys p50 ms | keys p95 ms | search-v1 p50 ms | search-v1 p95 ms | regex scan p50 ms | regex scan p95 ms |`,
    );
    console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: |`);
    for (const q of queries.filter((x) => only.test(x.name))) {
      const keyed = await time(q.run, stores);
      const before = q.before ? await time(q.before, stores) : undefined;
      const base = await time(q.baseline, stores);
      console.log(`| ${q.name} | ${cell(keyed)} | ${cell(before)} | ${cell(base)} |`);
    }
  } finally {
    await mongo.close();
  }
} finally {
  await store.stop();
  if (!kept) rmSync(dir, { recursive: true, force: true });
}
