import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerStore, defaultNewCustomer } from '../../worker/store/customers';
import type { Mongo } from '../../worker/store/mongo';
import { startDevStack, type DevStack } from '../support/devStack';
import { eventually, freshDatabase } from '../support/relaisWorker';
import { startWorkerProcess } from '../support/workerProcess';

const profile = { ...defaultNewCustomer, name: 'Jean Dupont' };
const uniqueEmail = () => `jean.${randomUUID().slice(0, 8)}@exemple.fr`;

describe('customer creation on a real FerretDB', () => {
  let mongo: Mongo;
  beforeAll(async () => {
    ({ mongo } = await freshDatabase());
  });
  afterAll(() => mongo?.close());

  const keyOf = (email: string) =>
    mongo.db.collection<{ _id: string; customerId: string }>('customerKeys').findOne({
      _id: `email:${email}`,
    });
  const customersWith = (email: string) =>
    mongo.db.collection('customers').countDocuments({ email });

  it('a failure between claiming the identity and writing the customer locks no one out', async () => {
    const email = uniqueEmail();
    const crashing = new CustomerStore(mongo.db, {
      afterIdentityClaimed: () => Promise.reject(new Error('SQLITE_BUSY: database is locked')),
    });
    await expect(crashing.findOrCreate({ email }, profile)).rejects.toThrow('SQLITE_BUSY');
    const orphan = await keyOf(email);
    expect(orphan).toBeTruthy();
    expect(await customersWith(email)).toBe(0);

    const store = new CustomerStore(mongo.db);
    const next = await store.findOrCreate({ email, phone: '+33612345678' }, profile);
    expect(next._id).toBe(orphan!.customerId);
    expect(next.name).toBe('Jean Dupont');
    expect((await store.findOrCreate({ email }, profile))._id).toBe(next._id);
    expect(await customersWith(email)).toBe(1);
  });

  it('contacts meeting the same unfinished customer at once make one customer', async () => {
    const email = uniqueEmail();
    const crashing = new CustomerStore(mongo.db, {
      afterIdentityClaimed: () => Promise.reject(new Error('crash')),
    });
    await expect(crashing.findOrCreate({ email }, profile)).rejects.toThrow('crash');
    const store = new CustomerStore(mongo.db);
    const found = await Promise.all(
      Array.from({ length: 6 }, () => store.findOrCreate({ email }, profile)),
    );
    expect(new Set(found.map((c) => c._id)).size).toBe(1);
    expect(await customersWith(email)).toBe(1);
  });

  it('repairs the customers an interrupted creation already damaged, from their keys', async () => {
    // What the old order left after SQLITE_BUSY on customers.insertOne: keys, no customer.
    const email = uniqueEmail();
    const phone = `+3361${String(Date.now()).slice(-7)}`;
    const customerId = randomUUID();
    await mongo.db.collection<{ _id: string; customerId: string }>('customerKeys').insertMany([
      { _id: `email:${email}`, customerId },
      { _id: `phone:${phone}`, customerId },
    ]);
    const store = new CustomerStore(mongo.db);
    expect(await store.repairOrphans()).toBeGreaterThanOrEqual(1);
    expect(await store.get(customerId)).toMatchObject({
      email,
      phone,
      name: null,
      tier: 'standard',
    });
    expect(await store.repairOrphans()).toBe(0);
    // The next contact is that customer, and gives the name we lacked.
    const next = await store.findOrCreate({ phone }, profile);
    expect(next._id).toBe(customerId);
    expect((await store.enrich(next, { phone }, { name: 'Jean Dupont' })).name).toBe('Jean Dupont');
    expect((await store.get(customerId))?.name).toBe('Jean Dupont');
  });

  it('the worker repairs them when it starts', async () => {
    const { mongo: own, uri } = await freshDatabase();
    const email = uniqueEmail();
    const customerId = randomUUID();
    await own.db
      .collection<{ _id: string; customerId: string }>('customerKeys')
      .insertOne({ _id: `email:${email}`, customerId });
    const worker = startWorkerProcess({
      mongoUri: uri,
      taskQueue: `repair-${randomUUID()}`,
      name: 'worker-repair',
    });
    try {
      const repaired = await eventually(
        () => new CustomerStore(own.db).get(customerId),
        'the customer written at worker start',
        120_000,
      );
      expect(repaired).toMatchObject({ email, name: null });
    } finally {
      await worker.stop();
      await own.close();
    }
  }, 180_000);
});

describe('customer identity through the inbound API', () => {
  let stack: DevStack;
  beforeAll(async () => {
    stack = await startDevStack({ designer: true });
  });
  afterAll(() => stack?.stop());

  const post = async (channel: string, customer: Record<string, unknown>, text = 'Bonjour') => {
    const res = await fetch(`${stack.designer!.url}/api/inbound/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...stack.designer!.auth },
      body: JSON.stringify({ messageId: randomUUID(), customer, text }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('one customer for "06 12 34 56 78" and "+33 6 12 34 56 78", stored in E.164', async () => {
    const digits = String(Date.now()).slice(-6);
    const national = `06 12 ${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)}`;
    const first = await post('sms', { phone: national });
    expect(first.status).toBe(202);
    const second = await post('phone', {
      phone: `+33 6 12 ${digits.replace(/(..)(..)(..)/, '$1 $2 $3')}`,
      name: 'Karim Haddad',
    });
    expect(second.status).toBe(202);
    expect(second.body.customerId).toBe(first.body.customerId);
    const customer = await stack.relais.stores.customers.get(String(first.body.customerId));
    expect(customer).toMatchObject({ phone: `+33612${digits}`, name: 'Karim Haddad' });
  });

  it('an email without a name and an SMS with a number alone are accepted and shown by address', async () => {
    const email = uniqueEmail();
    const byEmail = await post('email', { email });
    expect(byEmail.status).toBe(202);
    const bySms = await post('sms', { phone: '+33 7 00 00 00 01' });
    expect(bySms.status).toBe(202);
    const tasks = stack.relais.stores.tasks;
    for (const [res, label] of [
      [byEmail, email],
      [bySms, '07 00 00 00 01'],
    ] as const) {
      const task = await eventually(
        () => tasks.get(String(res.body.caseId)),
        `the task of ${label}`,
        60_000,
      );
      expect(task.customerName).toBe(label);
    }
  });

  it('refuses a number that cannot be one, on its field, and writes nothing', async () => {
    const before = await stack.relais.mongo.db.collection('customers').countDocuments();
    const res = await post('sms', { phone: '+33 6 12 34 56 7' });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([
      { path: 'customer.phone', message: 'not a phone number in FR: expected e.g. +33612345678' },
    ]);
    expect(await stack.relais.mongo.db.collection('customers').countDocuments()).toBe(before);
  });

  it('a contact for an identity left without its customer is accepted as that customer', async () => {
    const email = uniqueEmail();
    const customerId = randomUUID();
    await stack.relais.mongo.db
      .collection<{ _id: string; customerId: string }>('customerKeys')
      .insertOne({ _id: `email:${email}`, customerId });
    const res = await post('email', { email, name: 'Jean Dupont' });
    expect(res.status).toBe(202);
    expect(res.body.customerId).toBe(customerId);
    expect(await stack.relais.mongo.db.collection('customers').countDocuments({ email })).toBe(1);
  });
});
