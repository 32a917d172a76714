import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../workflows/contracts/timeline';
import type { Mongo } from '../../worker/store/mongo';
import type { Stores } from '../../worker/store/stores';
import { uniqueLetters } from '../support/uniqueLetters';
import { summarisePlan } from '../support/explainPlan';
import { freshDatabase } from '../support/relaisWorker';
import { defaultNewCustomer } from '../../worker/store/customers';
import { ErasureStore } from '../../worker/store/erasureStore';
import type { CustomerDoc } from '../../worker/store/documents';

/** A French mobile number no other test of this database holds. */
const uniquePhone = () => `+336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const uniqueWord = () => `zorglub${uniqueLetters()}`;

const opened = (
  customerId: string,
  subject: string,
  text: string,
  at = new Date(),
): TimelineEvent => {
  const caseId = randomUUID();
  return {
    key: `case-${caseId}:opened`,
    customerId,
    caseId,
    type: 'case-opened',
    at: at.toISOString(),
    data: { channel: 'email', subject, text },
  };
};
const hour = 3600_000;

describe('search on a real FerretDB', () => {
  let mongo: Mongo;
  let stores: Stores;
  beforeAll(async () => {
    ({ mongo, stores } = await freshDatabase());
  });
  afterAll(() => mongo?.close());

  it('finds a customer by a phone number written differently from how it was stored', async () => {
    const phone = uniquePhone();
    const c = await stores.customers.findOrCreate({ phone }, { ...defaultNewCustomer, name: null });
    const national = `0${phone.slice(3)}`.replace(/(\d\d)(?=\d)/g, '$1 ');
    expect(national).toMatch(/^06 \d\d \d\d \d\d \d\d$/);
    const found = await stores.search.search(national);
    expect(found.customers.map((x) => x._id)).toEqual([c._id]);
    expect(found.cases).toEqual([]);
  });

  it('finds a customer by the start of their name, accents or not, and by email and handle', async () => {
    const word = uniqueWord();
    const email = `${word}@exemple.fr`;
    const c = await stores.customers.findOrCreate(
      { email },
      { ...defaultNewCustomer, name: `Éloïse ${word}` },
    );
    const ids = async (q: string) => (await stores.search.search(q)).customers.map((x) => x._id);
    expect(await ids(`elo ${word.slice(0, 9)}`)).toEqual([c._id]);
    expect(await ids(`ÉLOÏSE ${word}`)).toEqual([c._id]);
    expect(await ids(email.toUpperCase())).toEqual([c._id]);
    expect(await ids(`bernard ${word}`)).toEqual([]);
    const handle = `@${uniqueWord()}`;
    await stores.customers.enrich(c, { handle }, {});
    expect(await ids(handle)).toEqual([c._id]);
  });

  it('finds a case by its reference and by a word of its subject or first message, with or without accents', async () => {
    const c = await stores.customers.findOrCreate({ phone: uniquePhone() }, defaultNewCustomer);
    const word = uniqueWord();
    const event = opened(c._id, `Facture ${word}é`, 'Ma commande n’est pas arrivée à Orléans');
    await stores.search.indexCase(event);
    const ids = async (q: string) => (await stores.search.search(q)).cases.map((x) => x._id);
    const ref = event.caseId.slice(0, 8).toUpperCase();
    expect(await ids(ref)).toEqual([event.caseId]);
    expect(await ids(`#${ref.toLowerCase()}`)).toEqual([event.caseId]);
    expect(await ids(`${word}e`)).toEqual([event.caseId]);
    expect(await ids(`${word}é orléans`)).toEqual([event.caseId]);
    expect(await ids(`${word}e paris`)).toEqual([]);
    const found = (await stores.search.search(ref)).cases[0];
    expect(found).toMatchObject({ ref, customerId: c._id, subject: `Facture ${word}é` });
  });

  it("forgets an erased customer's cases", async () => {
    const c = await stores.customers.findOrCreate({ phone: uniquePhone() }, defaultNewCustomer);
    const word = uniqueWord();
    const event = opened(c._id, word, 'texte');
    await stores.search.indexCase(event);
    expect((await stores.search.search(word)).cases).toHaveLength(1);
    await new ErasureStore(mongo.db, stores.tasks).erase(c._id, [event.caseId]);
    expect((await stores.search.search(word)).cases).toEqual([]);
  });

  it('reads by the kept keys through an index', async () => {
    for (const [collection, filter] of [
      ['customers', { searchKeys: 'n:eloise' }],
      ['caseSearch', { keys: 'w:facture' }],
      ['customers', { contactHour: '2025-01-03T14' }],
    ] as const) {
      const explained = await mongo.db.command({
        explain: { find: collection, filter },
        verbosity: 'queryPlanner',
      });
      expect(summarisePlan(explained)).toMatchObject({ filterPushdown: true, usesIndex: true });
    }
  });

  it('keys customers and cases stored before search existed, and lists customers by last contact', async () => {
    const word = uniqueWord();
    // As customers were stored before search: no keys, no last contact.
    const older: CustomerDoc = {
      _id: randomUUID(),
      ...defaultNewCustomer,
      name: `Ancien ${word}`,
      email: null,
      phone: null,
      handle: `${word}-h`,
      lastCsat: null,
      createdAt: new Date('2020-01-01T00:00:00Z'),
    };
    await mongo.db.collection<CustomerDoc>('customers').insertOne(older);
    const event = opened(older._id, `Vieux ${word}`, 'texte');
    const { key, at, ...stored } = event;
    await mongo.db
      .collection<{ _id: string; at: Date }>('events')
      .insertOne({ _id: key, ...stored, at: new Date(at) });
    expect((await stores.search.search(word)).customers).toEqual([]);
    await stores.search.backfill();
    const found = await stores.search.search(word);
    expect(found.customers.map((x) => x._id)).toEqual([older._id]);
    expect(found.cases.map((x) => x._id)).toEqual([event.caseId]);

    const first = await stores.search.customerPage(0, 1);
    expect(first.customers[0]?._id).not.toBe(older._id);
    await stores.search.touchCustomer(older._id, new Date(Date.now() + 60_000));
    const now = await stores.search.customerPage(0, 1);
    expect(now.customers[0]?._id).toBe(older._id);
    expect(now.total).toBeGreaterThan(1);
    const second = await stores.search.customerPage(1, 1);
    expect(second.customers[0]?._id).not.toBe(older._id);
  });

  it('finds the newest cases holding words that each match more cases than one query reads', async () => {
    const c = await stores.customers.findOrCreate({ phone: uniquePhone() }, defaultNewCustomer);
    const [a, b] = [uniqueWord(), uniqueWord()];
    const from = Date.parse('2099-01-01T00:00:00Z') + Math.floor(Math.random() * 1e4) * hour;
    // Oldest first: a single query stopping at its first matches would find the oldest.
    const events = Array.from({ length: 130 }, (_, i) =>
      opened(c._id, `${a} ${i % 10 === 0 ? '' : b}`, 'texte', new Date(from + i * hour)),
    );
    for (const event of events) await stores.search.indexCase(event);
    const holding = events.filter((e) => String(e.data.subject).includes(b));
    const newest = holding.slice(-20).reverse();
    const found = await stores.search.search(`${a} ${b}`);
    expect(found.cases.map((x) => x._id)).toEqual(newest.map((e) => e.caseId));
  });

  it('lists customers by last contact hour by hour, and sets a counter left wrong right', async () => {
    const made = await Promise.all(
      [0, 1, 2].map(() =>
        stores.customers.findOrCreate({ phone: uniquePhone() }, defaultNewCustomer),
      ),
    );
    const [c1, c2, c3] = made.map((c) => c._id);
    // Far ahead of every other test's contacts, so that these lead the list.
    const base = Date.parse('2199-01-01T00:00:00Z') + Math.floor(Math.random() * 1e5) * 10 * hour;
    await stores.search.touchCustomer(c1!, new Date(base + 5 * hour + 10 * 60_000));
    await stores.search.touchCustomer(c2!, new Date(base + 5 * hour + 20 * 60_000));
    await stores.search.touchCustomer(c3!, new Date(base + 4 * hour));
    const ids = async (page: number, size: number) =>
      (await stores.search.customerPage(page, size)).customers.map((c) => c._id);
    expect(await ids(0, 3)).toEqual([c2, c1, c3]);
    expect(await ids(1, 2)).toEqual([c3, expect.not.stringMatching(`^(${c1}|${c2}|${c3})$`)]);
    // An older contact moves no one.
    await stores.search.touchCustomer(c2!, new Date(base));
    expect(await ids(0, 3)).toEqual([c2, c1, c3]);
    await stores.search.touchCustomer(c3!, new Date(base + 6 * hour));
    expect(await ids(0, 3)).toEqual([c3, c2, c1]);

    const counters = mongo.db.collection<{ _id: string; h: Record<string, number> }>(
      'customerContactDays',
    );
    const fifth = new Date(base + 5 * hour).toISOString();
    const [day, hh] = [fifth.slice(0, 10), fifth.slice(11, 13)];
    const kept = async () => (await counters.findOne({ _id: day }))?.h[hh];
    expect(await kept()).toBe(2);
    // As after a crash between a customer's write and its count.
    await counters.updateOne({ _id: day }, { $set: { [`h.${hh}`]: 5 } });
    await ids(0, 3);
    expect(await kept()).toBe(2);
    expect(await ids(0, 3)).toEqual([c3, c2, c1]);
  });
});
