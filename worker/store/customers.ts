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

interface KeyDoc {
  /** "email:…", "phone:…" or "handle:…": _id uniqueness works on every MongoDB-compatible server. */
  _id: string;
  customerId: string;
}

/** Customers, found by normalised email, then phone, then social handle. */
export class CustomerStore {
  readonly col: Collection<CustomerDoc>;
  private readonly keys: Collection<KeyDoc>;

  constructor(db: Db) {
    this.col = db.collection<CustomerDoc>('customers');
    this.keys = db.collection<KeyDoc>('customerKeys');
  }

  private identityKeys(id: CustomerIdentity): string[] {
    const keys: string[] = [];
    if (id.email) keys.push(`email:${normaliseEmail(id.email)}`);
    if (id.phone) keys.push(`phone:${normalisePhone(id.phone)}`);
    if (id.handle) keys.push(`handle:${id.handle}`);
    return keys;
  }

  async find(id: CustomerIdentity): Promise<CustomerDoc | null> {
    for (const key of this.identityKeys(id)) {
      const found = await this.keys.findOne({ _id: key });
      if (found) return this.get(found.customerId);
    }
    return null;
  }

  async get(customerId: string): Promise<CustomerDoc | null> {
    return this.col.findOne({ _id: customerId });
  }

  async setLastCsat(customerId: string, score: number): Promise<void> {
    await this.col.updateOne({ _id: customerId }, { $set: { lastCsat: score } });
  }

  /**
   * Finds the customer or creates them. The first identity key claimed decides the winner when
   * two messages for a new customer arrive at once; the loser reads the winner's record.
   */
  async findOrCreate(
    id: CustomerIdentity,
    profile: Omit<CustomerDoc, '_id' | 'email' | 'phone' | 'handle' | 'createdAt' | 'lastCsat'>,
  ): Promise<CustomerDoc> {
    const keys = this.identityKeys(id);
    if (keys.length === 0) throw new Error('a customer needs an email, a phone number or a handle');
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
        await this.keys.insertOne({ _id: keys[0]!, customerId: doc._id });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        continue;
      }
      await this.col.insertOne(doc);
      for (const key of keys.slice(1)) {
        try {
          await this.keys.insertOne({ _id: key, customerId: doc._id });
        } catch (err) {
          // Another customer already owns this phone or handle: keep theirs, ours still works.
          if (!isDuplicateKey(err)) throw err;
        }
      }
      return doc;
    }
    throw new Error('could not create the customer after concurrent attempts');
  }
}
