import type { Collection, Db } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isDuplicateKey } from './mongo';
import { type CustomerDoc, CustomerDocSchema } from './documents';
import { parseDocOrNull } from './parseDoc';
import { toE164 } from './phone';
import { CustomerContacts, contactHourOf } from './searchContacts';
import { customerKeys } from './searchKeys';

export interface CustomerIdentity {
  email?: string | null;
  phone?: string | null;
  handle?: string | null;
  address?: string | null;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
/** E.164; the inbound API already gives E.164, so this only tidies numbers from elsewhere. */
export const normalisePhone = (phone: string) => toE164(phone) ?? phone.replace(/[^\d+]/g, '');
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

/** What we assume of a customer until a contact says otherwise. */
export const defaultNewCustomer: NewCustomer = {
  name: null,
  tier: 'standard',
  segment: 'B2C',
  lang: 'fr',
  timezone: 'Europe/Paris',
  smsOptIn: false,
};

const KeyDocSchema = z.object({
  /** "email:…", "phone:…" or "handle:…": _id uniqueness works on every MongoDB-compatible server. */
  _id: z.string(),
  customerId: z.string(),
});
type KeyDoc = z.infer<typeof KeyDocSchema>;

const identityKinds = ['email', 'phone', 'handle', 'address'] as const;

export interface CustomerStoreOptions {
  /** Runs between claiming a new customer's identity and writing the customer: tests fail there. */
  afterIdentityClaimed?: (customerId: string) => Promise<void>;
}

/**
 * Customers, found by normalised email, then phone, then social handle, then postal address.
 *
 * Creating one takes two writes and FerretDB has no transactions, so the identity key is the
 * commitment: it is claimed first, then the customer written. A key whose customer is missing is
 * a creation cut short (a crash, a busy SQLite): whoever meets it next finishes it, under the id
 * the key holds, so the identity is never locked out.
 */
export class CustomerStore {
  readonly col: Collection<CustomerDoc>;
  private readonly keys: Collection<KeyDoc>;
  private readonly contacts: CustomerContacts;

  constructor(
    db: Db,
    private readonly options: CustomerStoreOptions = {},
  ) {
    this.col = db.collection<CustomerDoc>('customers');
    this.keys = db.collection<KeyDoc>('customerKeys');
    this.contacts = new CustomerContacts(db);
  }

  private identityKeys(id: CustomerIdentity): string[] {
    const keys: string[] = [];
    if (id.email) keys.push(`email:${normaliseEmail(id.email)}`);
    if (id.phone) keys.push(`phone:${normalisePhone(id.phone)}`);
    if (id.handle) keys.push(`handle:${id.handle}`);
    if (id.address) keys.push(`address:${normaliseAddress(id.address)}`);
    return keys;
  }

  /** The customer id the first known identity key points to, whether or not it was finished. */
  private async owner(keys: string[]): Promise<string | null> {
    for (const key of keys) {
      const found = parseDocOrNull(
        KeyDocSchema,
        'customerKeys',
        await this.keys.findOne({ _id: key }),
      );
      if (found) return found.customerId;
    }
    return null;
  }

  async find(id: CustomerIdentity): Promise<CustomerDoc | null> {
    const customerId = await this.owner(this.identityKeys(id));
    return customerId ? this.get(customerId) : null;
  }

  async get(customerId: string): Promise<CustomerDoc | null> {
    return parseDocOrNull(
      CustomerDocSchema,
      'customers',
      await this.col.findOne({ _id: customerId }),
    );
  }

  /**
   * What a later contact tells us: a better tier, a segment, an SMS opt-in, a new phone or email,
   * a name when we had none. New identities are claimed only when no other customer owns them.
   */
  async enrich(
    customer: CustomerDoc,
    id: CustomerIdentity,
    profile: Partial<Pick<CustomerDoc, 'tier' | 'segment' | 'smsOptIn' | 'name'>>,
  ): Promise<CustomerDoc> {
    const patch: Partial<CustomerDoc> = {};
    for (const key of ['tier', 'segment', 'smsOptIn'] as const)
      if (profile[key] !== undefined && profile[key] !== customer[key])
        Object.assign(patch, { [key]: profile[key] });
    if (!customer.name && profile.name) patch.name = profile.name;
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
    const enriched = { ...customer, ...patch };
    // The search finds the customer by their new name or identity at once.
    const searchable = { ...patch, searchKeys: customerKeys(enriched) };
    await this.col.updateOne({ _id: customer._id }, { $set: searchable });
    return enriched;
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
      const owner = await this.owner(keys);
      if (owner) return (await this.get(owner)) ?? this.finish(owner, id, profile);
      const customerId = randomUUID();
      try {
        await this.keys.insertOne({ _id: keys[0]!, customerId });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        continue;
      }
      await this.options.afterIdentityClaimed?.(customerId);
      return this.finish(customerId, id, profile);
    }
    throw new Error('could not create the customer after concurrent attempts');
  }

  /**
   * Writes the customer an identity key already points to, then claims their other identities.
   * Idempotent: two contacts finishing the same creation read one record.
   */
  private async finish(
    customerId: string,
    id: CustomerIdentity,
    profile: NewCustomer,
  ): Promise<CustomerDoc> {
    const doc: CustomerDoc = {
      _id: customerId,
      email: id.email ? normaliseEmail(id.email) : null,
      phone: id.phone ? normalisePhone(id.phone) : null,
      handle: id.handle ?? null,
      address: id.address ?? null,
      lastCsat: null,
      createdAt: new Date(),
      ...profile,
    };
    // What the search and the customer list read (`search.ts`), kept out of the profile type.
    const contactHour = contactHourOf(doc.createdAt);
    const searchable = { searchKeys: customerKeys(doc), lastContactAt: doc.createdAt, contactHour };
    try {
      await this.col.insertOne({ ...doc, ...searchable });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const existing = await this.get(customerId);
      if (!existing) throw err;
      return existing;
    }
    await this.contacts.added(contactHour);
    for (const key of this.identityKeys(id)) {
      try {
        await this.keys.insertOne({ _id: key, customerId });
      } catch (err) {
        // Ours already, or another customer owns this phone or handle: keep theirs.
        if (!isDuplicateKey(err)) throw err;
      }
    }
    return doc;
  }

  /**
   * Finishes every creation cut short before this fix or by a crash, from what the identity
   * keys say; a later contact fills in the name. Returns how many customers were written.
   */
  async repairOrphans(): Promise<number> {
    const byCustomer = new Map<string, CustomerIdentity>();
    for await (const key of this.keys.find({})) {
      const at = key._id.indexOf(':');
      const kind = identityKinds.find((k) => k === key._id.slice(0, at));
      if (!kind) continue;
      const identity = byCustomer.get(key.customerId) ?? {};
      identity[kind] ??= key._id.slice(at + 1);
      byCustomer.set(key.customerId, identity);
    }
    const ids = [...byCustomer.keys()];
    let repaired = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500);
      const present = new Set(
        (await this.col.find({ _id: { $in: batch } }, { projection: { _id: 1 } }).toArray()).map(
          (c) => c._id,
        ),
      );
      for (const customerId of batch.filter((c) => !present.has(c))) {
        await this.finish(customerId, byCustomer.get(customerId)!, defaultNewCustomer);
        repaired += 1;
      }
    }
    return repaired;
  }
}
