import type { Collection, Db } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { isDuplicateKey } from './mongo';
import type { CustomerDoc } from './documents';

export interface CustomerIdentity {
  email?: string | null;
  phone?: string | null;
  handle?: string | null;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
export const normalisePhone = (phone: string) => phone.replace(/[^\d+]/g, '');

/** Customers, found by normalised email, then phone, then social handle. */
export class CustomerStore {
  readonly col: Collection<CustomerDoc>;

  constructor(db: Db) {
    this.col = db.collection<CustomerDoc>('customers');
  }

  async ensureIndexes(): Promise<void> {
    // Partial unique indexes: two inbound messages at once must not create two customers.
    await this.col.createIndex(
      { email: 1 },
      { unique: true, partialFilterExpression: { email: { $type: 'string' } } },
    );
    await this.col.createIndex(
      { phone: 1 },
      { unique: true, partialFilterExpression: { phone: { $type: 'string' } } },
    );
    await this.col.createIndex(
      { handle: 1 },
      { unique: true, partialFilterExpression: { handle: { $type: 'string' } } },
    );
  }

  private identityFilters(id: CustomerIdentity) {
    const filters: Record<string, string>[] = [];
    if (id.email) filters.push({ email: normaliseEmail(id.email) });
    if (id.phone) filters.push({ phone: normalisePhone(id.phone) });
    if (id.handle) filters.push({ handle: id.handle });
    return filters;
  }

  async find(id: CustomerIdentity): Promise<CustomerDoc | null> {
    for (const filter of this.identityFilters(id)) {
      const found = await this.col.findOne(filter);
      if (found) return found;
    }
    return null;
  }

  async get(customerId: string): Promise<CustomerDoc | null> {
    return this.col.findOne({ _id: customerId });
  }

  /** Finds the customer or creates them; a concurrent creation is resolved by the unique index. */
  async findOrCreate(
    id: CustomerIdentity,
    profile: Omit<CustomerDoc, '_id' | 'email' | 'phone' | 'handle' | 'createdAt' | 'lastCsat'>,
  ): Promise<CustomerDoc> {
    if (this.identityFilters(id).length === 0)
      throw new Error('a customer needs an email, a phone number or a handle');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const existing = await this.find(id);
      if (existing) return existing;
      const doc: CustomerDoc = {
        _id: randomUUID(),
        email: id.email ? normaliseEmail(id.email) : null,
        phone: id.phone ? normalisePhone(id.phone) : null,
        handle: id.handle ?? null,
        lastCsat: null,
        createdAt: new Date(),
        ...profile,
      };
      try {
        await this.col.insertOne(doc);
        return doc;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
    throw new Error('could not create the customer after concurrent attempts');
  }
}
