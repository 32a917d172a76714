import type { AnyBulkWriteOperation, Collection, Db, Filter } from 'mongodb';
import { z } from 'zod';
import type { TimelineEvent } from '../../workflows/contracts/timeline';
import { CustomerStatsDocSchema } from './customerStatsModel';
import { CustomerDocSchema } from './documents';
import { parseDoc } from './parseDoc';
import { EventDocSchema } from './timeline';
import { CustomerContacts } from './searchContacts';
import { caseKeys, caseRefOf, customerKeys, queryKeys } from './searchKeys';

/** A customer as the search and the customer list read it: the profile and when last heard of. */
export const ListedCustomerSchema = CustomerDocSchema.pick({
  _id: true,
  name: true,
  email: true,
  phone: true,
  handle: true,
  address: true,
  createdAt: true,
}).extend({ lastContactAt: z.date().optional() });
export type ListedCustomer = z.infer<typeof ListedCustomerSchema>;

/** One case as the search finds it: written when the case opens, from its first message. */
export const CaseSearchDocSchema = z.object({
  /** The case id. */
  _id: z.string(),
  customerId: z.string(),
  subject: z.string().nullable(),
  openedAt: z.date(),
  keys: z.array(z.string()),
});
export type CaseSearchDoc = z.infer<typeof CaseSearchDocSchema>;
export type FoundCase = Omit<CaseSearchDoc, 'keys'> & { ref: string };

export interface SearchResults {
  customers: ListedCustomer[];
  cases: FoundCase[];
}

export interface CustomerPage {
  customers: ListedCustomer[];
  total: number;
}

type StoredCustomer = ListedCustomer & { searchKeys?: string[] };

const caseCollection = 'caseSearch';
const daysCollection = 'caseSearchHours';
const customerProjection = Object.fromEntries(
  Object.keys(ListedCustomerSchema.shape).map((k) => [k, 1]),
);
const marker = 'search-v2';
const caseProjection = { customerId: 1, subject: 1, openedAt: 1 } as const;
const batch = 500;
/** Hours of cases a search reads first: common words fill a page there. Each later round doubles. */
const firstHours = 3;
const maxHoursAtOnce = 24;
/** How far back a search of only common words walks before it settles for what it found. */
const maxHours = 31 * 24;
/** The hour a case opened, kept as a key of its own: `o:2025-01-03T14`. */
export const caseHourKey = (openedAt: Date): string => `o:${openedAt.toISOString().slice(0, 13)}`;
const DaySchema = z.object({ _id: z.string(), h: z.array(z.string()) });

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Search over customers and cases by equality on kept keys (`searchKeys.ts`), and the customer
 * list by last contact (`searchContacts.ts`). Customers carry `searchKeys`, `lastContactAt` and
 * `contactHour`; cases have a document of their own in `caseSearch`, written from their
 * `case-opened` event, and `caseSearchHours` lists the hours holding cases, a document a day.
 */
export class SearchStore {
  private readonly customers: Collection<StoredCustomer>;
  private readonly cases: Collection<CaseSearchDoc>;
  private readonly days: Collection<z.infer<typeof DaySchema>>;
  private readonly contacts: CustomerContacts;
  private readonly events: Collection;
  private readonly stats: Collection;
  private readonly migrations: Collection<{ _id: string; doneAt: Date }>;

  constructor(db: Db) {
    this.customers = db.collection('customers');
    this.cases = db.collection(caseCollection);
    this.days = db.collection(daysCollection);
    this.contacts = new CustomerContacts(db);
    this.events = db.collection('events');
    this.stats = db.collection('customerStats');
    this.migrations = db.collection('storeMigrations');
  }

  async ensureIndexes(): Promise<void> {
    await this.customers.createIndex({ searchKeys: 1 });
    await this.contacts.ensureIndexes();
    await this.cases.createIndex({ keys: 1 });
    await this.cases.createIndex({ customerId: 1 });
    if (!(await this.migrations.findOne({ _id: marker }))) {
      await this.backfill();
      await this.migrations.updateOne(
        { _id: marker },
        { $set: { doneAt: new Date() } },
        { upsert: true },
      );
    }
  }

  /**
   * Customers and cases stored before search existed get their keys, once; a customer's last
   * contact is the newest their counters hold, else their creation, and the customer list's hour
   * counters are recounted. Idempotent.
   */
  async backfill(): Promise<void> {
    let ops: AnyBulkWriteOperation<StoredCustomer>[] = [];
    for await (const raw of this.customers.find({}, { projection: customerProjection })) {
      const c = parseDoc(ListedCustomerSchema, 'customers', raw);
      const update = {
        $set: { searchKeys: customerKeys(c) },
        $max: { lastContactAt: c.createdAt },
      };
      ops.push({ updateOne: { filter: { _id: c._id }, update } });
      if (ops.length >= batch) ops = await this.flush(this.customers, ops);
    }
    const NewestSchema = CustomerStatsDocSchema.pick({ _id: true, contacts: true });
    for await (const raw of this.stats.find({}, { projection: { contacts: 1 } })) {
      const { _id, contacts } = parseDoc(NewestSchema, 'customerStats', raw);
      const newest = contacts[0]?.at;
      if (newest)
        ops.push({ updateOne: { filter: { _id }, update: { $max: { lastContactAt: newest } } } });
      if (ops.length >= batch) ops = await this.flush(this.customers, ops);
    }
    await this.flush(this.customers, ops);
    await this.contacts.recount();
    let cases: AnyBulkWriteOperation<CaseSearchDoc>[] = [];
    const hours = new Set<string>();
    for await (const raw of this.events.find({ type: 'case-opened' })) {
      const { _id, at, ...event } = parseDoc(EventDocSchema, 'events', raw);
      const doc = SearchStore.caseDoc({ ...event, key: _id, at: at.toISOString() });
      hours.add(caseHourKey(doc.openedAt));
      cases.push({ replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } });
      if (cases.length >= batch) cases = await this.flush(this.cases, cases);
    }
    await this.flush(this.cases, cases);
    for (const hour of hours) await this.addHour(hour);
  }

  private async flush<T extends object>(
    col: Collection<T>,
    ops: AnyBulkWriteOperation<T>[],
  ): Promise<AnyBulkWriteOperation<T>[]> {
    if (ops.length) await col.bulkWrite(ops, { ordered: false });
    return [];
  }

  private static caseDoc(opened: TimelineEvent): CaseSearchDoc {
    const subject = text(opened.data.subject);
    const openedAt = new Date(opened.at);
    const words = caseKeys({ caseId: opened.caseId, subject, text: text(opened.data.text) });
    return {
      _id: opened.caseId,
      customerId: opened.customerId,
      subject,
      openedAt,
      keys: [caseHourKey(openedAt), ...words],
    };
  }

  /** Indexes a case from its `case-opened` event; a retry writes the same documents. */
  async indexCase(opened: TimelineEvent): Promise<void> {
    const doc = SearchStore.caseDoc(opened);
    await this.addHour(caseHourKey(doc.openedAt));
    await this.cases.replaceOne({ _id: doc._id }, doc, { upsert: true });
  }

  private async addHour(key: string): Promise<void> {
    const hour = key.slice(2);
    await this.days.updateOne(
      { _id: hour.slice(0, 10) },
      { $addToSet: { h: hour.slice(11) } },
      { upsert: true },
    );
  }

  /** Keeps a customer's keys in step with their profile. */
  async indexCustomer(customer: ListedCustomer): Promise<void> {
    await this.customers.updateOne(
      { _id: customer._id },
      { $set: { searchKeys: customerKeys(customer) } },
    );
  }

  /** A contact from the customer: the customer list is sorted by the newest. */
  async touchCustomer(customerId: string, at: Date): Promise<void> {
    await this.contacts.touch(customerId, at);
  }

  /**
   * Customers and cases holding every key of the query, newest first. The most selective key is
   * asked by equality, which FerretDB serves from the index; with fewer matches than a page's
   * candidates it has them all, checked for the other keys here. Cases are first looked for in
   * the newest hours, and walked back hour by hour when every key is common; customers then keep
   * the newest of the first matches (the page asks for another word).
   */
  async search(query: string, limit = 20): Promise<SearchResults> {
    const keys = queryKeys(query);
    const [customers, cases] = await Promise.all([
      keys.customers.length ? this.findCustomers(keys.customers, limit) : [],
      keys.cases.length ? this.findCases(keys.cases, limit) : [],
    ]);
    return { customers, cases };
  }

  private async findCustomers(keys: string[], limit: number): Promise<ListedCustomer[]> {
    const { rows } = await SearchStore.probe(this.customers, 'searchKeys', keys, limit * 5, {
      ...customerProjection,
      searchKeys: 1,
    });
    return newest(
      rows.map((c) => parseDoc(ListedCustomerSchema, 'customers', c)),
      (c) => c.lastContactAt ?? c.createdAt,
      limit,
    );
  }

  /**
   * The newest hours first, read whole: words common enough to fill the page do so there, and
   * they tell how common each word is. A word rare enough is then asked alone (its matches
   * checked for the others here); when every word is common, the walk goes on back hour by hour,
   * since asking a common word alone would decode each of its matches.
   */
  private async findCases(keys: string[], limit: number): Promise<FoundCase[]> {
    const candidates = limit * 5;
    const hours = await this.caseHours();
    const sampled = hours.slice(0, firstHours);
    const sample = await this.sampleHours(sampled);
    const holding = (key: string) => sample.filter((c) => c.keys.includes(key)).length;
    const first = sample.filter((c) => keys.every((k) => c.keys.includes(k)));
    let found: CaseSearchDoc[] = first;
    if (first.length < limit) {
      // Matches a key has in all, as the newest hours hold it; the sort keeps longest first on ties.
      const estimate = (key: string) => (holding(key) * hours.length) / Math.max(1, sampled.length);
      const rarest = [...keys].sort((a, b) => estimate(a) - estimate(b));
      const probed =
        estimate(rarest[0]!) <= candidates
          ? await SearchStore.probe(this.cases, 'keys', rarest, candidates, caseProjection)
          : { rows: [], complete: false };
      found = probed.complete
        ? probed.rows
        : await this.walkHours(hours.slice(firstHours, maxHours), keys, limit, first, probed.rows);
    }
    return newest(
      found.map((raw) => {
        const c = parseDoc(CaseSearchDocSchema.omit({ keys: true }), caseCollection, raw);
        return { ...c, ref: caseRefOf(c._id) };
      }),
      (c) => c.openedAt,
      limit,
    );
  }

  /** Every case of some hours, keys included. */
  private async sampleHours(hours: string[]): Promise<CaseSearchDoc[]> {
    const read = await Promise.all(
      hours.map((hour) => this.cases.find({ keys: `o:${hour}` }).toArray()),
    );
    return read.flat().map((raw) => parseDoc(CaseSearchDocSchema, caseCollection, raw));
  }

  /**
   * The rows holding every key among the first `candidates` matches of the first (most
   * selective) key; `complete` when it has no more. FerretDB decodes every match of the key
   * whatever the limit (it checks an array equality itself), so only one key is asked.
   */
  private static async probe<T extends object>(
    col: Collection<T>,
    field: string,
    keys: string[],
    candidates: number,
    projection: Record<string, number>,
  ): Promise<{ rows: T[]; complete: boolean }> {
    const held = (row: object) => (row as Record<string, unknown>)[field];
    const rows = (await col
      .find({ [field]: keys[0] } as Filter<T>, { projection: { ...projection, [field]: 1 } })
      .limit(candidates + 1)
      .toArray()) as T[];
    return {
      rows: rows.slice(0, candidates).filter((row) => {
        const h = held(row);
        return Array.isArray(h) && keys.every((k) => h.includes(k));
      }),
      complete: rows.length <= candidates,
    };
  }

  /** Every hour holding cases, newest first. */
  private async caseHours(): Promise<string[]> {
    return (await this.days.find({}).toArray())
      .map((raw) => parseDoc(DaySchema, daysCollection, raw))
      .flatMap((d) => d.h.map((h) => `${d._id}T${h}`))
      .sort()
      .reverse();
  }

  /** The cases of some hours holding every key: one small equality read per hour, at once. */
  private async readHours(hours: string[], keys: string[]): Promise<CaseSearchDoc[]> {
    const read = await Promise.all(
      hours.map((hour) =>
        this.cases
          .find(
            { keys: `o:${hour}`, $and: keys.map((k) => ({ keys: k })) },
            { projection: { keys: 0 } },
          )
          .toArray(),
      ),
    );
    return read.flat();
  }

  /**
   * The walk on from the first hours, in rounds that double up to `maxHoursAtOnce` hours, until
   * the page is full; past `maxHours`, the cases found meanwhile and the probe's are kept.
   */
  private async walkHours(
    hours: string[],
    keys: string[],
    limit: number,
    found: CaseSearchDoc[],
    probed: CaseSearchDoc[],
  ): Promise<CaseSearchDoc[]> {
    const all = [...found];
    let at = 0;
    let n = 2 * firstHours;
    while (at < hours.length && all.length < limit) {
      all.push(...(await this.readHours(hours.slice(at, at + n), keys)));
      at += n;
      n = Math.min(2 * n, maxHoursAtOnce);
    }
    if (all.length >= limit) return all;
    const seen = new Set(all.map((c) => c._id));
    return [...all, ...probed.filter((c) => !seen.has(c._id))];
  }

  /** One page of every customer, the most recently heard of first. */
  async customerPage(page: number, size: number): Promise<CustomerPage> {
    const { docs, total } = await this.contacts.page(page * size, size, customerProjection);
    return { customers: docs.map((c) => parseDoc(ListedCustomerSchema, 'customers', c)), total };
  }
}

/** The `limit` newest rows. */
function newest<T>(rows: T[], at: (row: T) => Date, limit: number): T[] {
  return rows.sort((a, b) => at(b).getTime() - at(a).getTime()).slice(0, limit);
}
