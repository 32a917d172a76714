import type { Collection, Db } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { isDuplicateKey } from './mongo';
import type { CustomerDoc } from './documents';

export interface CustomerIdentity {
  email?: string | null;
  phone?: string | null;
  handle?: string | null;
  address?: string | null;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
export const normalisePhone = (phone: string) => phone.replace(/[^\d+]/g, '');
export const normaliseAddress = (address: string) =>
  address
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** What a first contact tells of a new customer besides how to recognise them. */
export type NewCustomer = Omit<
  CustomerDoc,
  '_id' | 'email' | 'phone' | 'handle' | 'address' | 'createdAt' | 'lastCsat'
>;

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
    if (id.address) keys.push(`address:${normaliseAddress(id.address)}`);
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

  /**
   * What a later contact tells us: a better tier, a segment, an SMS opt-in, a new phone or email.
   * New identities are claimed only when no other customer owns them.
   */
  async enrich(
    customer: CustomerDoc,
    id: CustomerIdentity,
    profile: Partial<Pick<CustomerDoc, 'tier' | 'segment' | 'smsOptIn'>>,
  ): Promise<CustomerDoc> {
    const patch: Partial<CustomerDoc> = {};
    for (const key of ['tier', 'segment', 'smsOptIn'] as const)
      if (profile[key] !== undefined && profile[key] !== customer[key])
        Object.assign(patch, { [key]: profile[key] });
    const fresh: CustomerIdentity = {
      email: customer.email ? null : id.email,
      phone: customer.phone ? null : id.phone,
      handle: customer.handle ? null : id.handle,
    };
    for (const key of this.identityKeys(fresh)) {
      try {
        await this.keys.insertOne({ _id: key, customerId: customer._id });
        const [kind, value] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
        Object.assign(patch, { [kind]: value });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
    if (Object.keys(patch).length === 0) return customer;
    await this.col.updateOne({ _id: customer._id }, { $set: patch });
    return { ...customer, ...patch };
  }

  async setLastCsat(customerId: string, score: number): Promise<void> {
    await this.col.updateOne({ _id: customerId }, { $set: { lastCsat: score } });
  }

  /**
   * Finds the customer or creates them. The first identity key claimed decides the winner when
   * two messages for a new customer arrive at once; the loser reads the winner's record.
   */
  async findOrCreate(id: CustomerIdentity, profile: NewCustomer): Promise<CustomerDoc> {
    const keys = this.identityKeys(id);
    if (keys.length === 0)
      throw new Error('a customer needs an email, a phone number, a handle or an address');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const existing = await this.find(id);
      if (existing) return existing;
      const doc: CustomerDoc = {
        _id: randomUUID(),
        email: id.email ? normaliseEmail(id.email) : null,
        phone: id.phone ? normalisePhone(id.phone) : null,
        handle: id.handle ?? null,
        address: id.address ?? null,
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
