import type { AnyBulkWriteOperation, Collection, Db, Filter } from 'mongodb';
import { z } from 'zod';
import type { TimelineEvent } from '../../workflows/contracts/timeline';
import { CustomerStatsDocSchema } from './customerStatsModel';
import { CustomerDocSchema } from './documents';
import { parseDoc } from './parseDoc';
import { EventDocSchema } from './timeline';
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
const customerProjection = Object.fromEntries(
  Object.keys(ListedCustomerSchema.shape).map((k) => [k, 1]),
);
const marker = 'search-v1';
const batch = 500;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Search over customers and cases by equality on kept keys (`searchKeys.ts`), and the customer
 * list by last contact. Customers carry `searchKeys` and `lastContactAt`; cases have a document
 * of their own in `caseSearch`, written from their `case-opened` event.
 */
export class SearchStore {
  private readonly customers: Collection<StoredCustomer>;
  private readonly cases: Collection<CaseSearchDoc>;
  private readonly events: Collection;
  private readonly stats: Collection;
  private readonly migrations: Collection<{ _id: string; doneAt: Date }>;

  constructor(db: Db) {
    this.customers = db.collection('customers');
    this.cases = db.collection(caseCollection);
    this.events = db.collection('events');
    this.stats = db.collection('customerStats');
    this.migrations = db.collection('storeMigrations');
  }

  async ensureIndexes(): Promise<void> {
    await this.customers.createIndex({ searchKeys: 1 });
    await this.customers.createIndex({ lastContactAt: -1, _id: 1 });
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
   * contact is the newest their counters hold, else their creation. Idempotent.
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
    let cases: AnyBulkWriteOperation<CaseSearchDoc>[] = [];
    for await (const raw of this.events.find({ type: 'case-opened' })) {
      const { _id, at, ...event } = parseDoc(EventDocSchema, 'events', raw);
      const doc = SearchStore.caseDoc({ ...event, key: _id, at: at.toISOString() });
      cases.push({ replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } });
      if (cases.length >= batch) cases = await this.flush(this.cases, cases);
    }
    await this.flush(this.cases, cases);
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
    return {
      _id: opened.caseId,
      customerId: opened.customerId,
      subject,
      openedAt: new Date(opened.at),
      keys: caseKeys({ caseId: opened.caseId, subject, text: text(opened.data.text) }),
    };
  }

  /** Indexes a case from its `case-opened` event; a retry writes the same document. */
  async indexCase(opened: TimelineEvent): Promise<void> {
    const doc = SearchStore.caseDoc(opened);
    await this.cases.replaceOne({ _id: doc._id }, doc, { upsert: true });
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
    await this.customers.updateOne({ _id: customerId }, { $max: { lastContactAt: at } });
  }

  /**
   * Customers and cases holding every key of the query, newest first. The first (most
   * selective) key is an equality the index serves; FerretDB checks the others on what it finds.
   * FerretDB sorts in its own process, over every match ("reclamation" may match most cases), so
   * it reads the first `candidates` matches unsorted and they are sorted here: with more matches
   * than that, the newest may be missed and the page asks for another word.
   */
  async search(query: string, limit = 20): Promise<SearchResults> {
    const keys = queryKeys(query);
    const candidates = limit * 5;
    const [customers, cases] = await Promise.all([
      keys.customers.length
        ? this.customers
            .find(SearchStore.allOf('searchKeys', keys.customers) as Filter<StoredCustomer>, {
              projection: customerProjection,
            })
            .limit(candidates)
            .toArray()
        : [],
      keys.cases.length
        ? this.cases
            .find(SearchStore.allOf('keys', keys.cases) as Filter<CaseSearchDoc>, {
              projection: { keys: 0 },
            })
            .limit(candidates)
            .toArray()
        : [],
    ]);
    const newest = <T>(rows: T[], at: (row: T) => Date) =>
      rows.sort((a, b) => at(b).getTime() - at(a).getTime()).slice(0, limit);
    return {
      customers: newest(
        customers.map((c) => parseDoc(ListedCustomerSchema, 'customers', c)),
        (c) => c.lastContactAt ?? c.createdAt,
      ),
      cases: newest(
        cases.map((raw) => {
          const c = parseDoc(CaseSearchDocSchema.omit({ keys: true }), caseCollection, raw);
          return { ...c, ref: caseRefOf(c._id) };
        }),
        (c) => c.openedAt,
      ),
    };
  }

  /** `{ field: k1, $and: [{ field: k2 }…] }`: only a top-level equality is pushed down. */
  private static allOf(field: string, keys: string[]): Record<string, unknown> {
    const [first, ...rest] = keys;
    return rest.length
      ? { [field]: first, $and: rest.map((k) => ({ [field]: k })) }
      : { [field]: first };
  }

  /** One page of every customer, the most recently heard of first. */
  async customerPage(page: number, size: number): Promise<CustomerPage> {
    const [docs, total] = await Promise.all([
      this.customers
        .find({}, { projection: customerProjection })
        .sort({ lastContactAt: -1, _id: 1 })
        .skip(page * size)
        .limit(size)
        .toArray(),
      this.customers.estimatedDocumentCount(),
    ]);
    return { customers: docs.map((c) => parseDoc(ListedCustomerSchema, 'customers', c)), total };
  }
}
