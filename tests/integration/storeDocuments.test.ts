import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../support/relaisWorker';

describe('store reads', () => {
  it('check every document against its schema and name the collection and id of a bad one', async () => {
    const { mongo, stores } = await freshDatabase();
    const put = (collection: string, doc: Record<string, unknown>) =>
      mongo.db.collection(collection).insertOne(doc as never);
    await put('tasks', { _id: 'task-1', taskId: 'task-1', caseId: 'case-1', priority: 'high' });
    await put('events', { _id: 'event-1', customerId: 'c1', caseId: 'case-1', type: 'nope' });
    await put('calendars', { _id: 'cal-1', id: 'cal-1', name: 'Paris' });
    await put('customers', { _id: 'cust-1', email: 42 });
    await put('outbox', { _id: 'msg-1', caseId: 'case-1', status: 'lost' });

    const bad = (collection: string, id: string) =>
      new RegExp(`^${collection} document ${id} does not match its schema: `);
    await expect(stores.tasks.get('task-1')).rejects.toThrow(bad('tasks', 'task-1'));
    await expect(stores.tasks.forCase('case-1')).rejects.toThrow(bad('tasks', 'task-1'));
    await expect(stores.timeline.forCase('case-1')).rejects.toThrow(bad('events', 'event-1'));
    await expect(stores.calendars.get('cal-1')).rejects.toThrow(bad('calendars', 'cal-1'));
    await expect(stores.customers.get('cust-1')).rejects.toThrow(bad('customers', 'cust-1'));
    await expect(stores.outbox.forCase('case-1')).rejects.toThrow(bad('outbox', 'msg-1'));

    // Good documents come back as their types, without the storage-only `_id`.
    expect(await stores.calendars.get('default')).toMatchObject({ id: 'default' });
    expect(await stores.users.get('agent')).toMatchObject({ _id: 'agent', role: 'agent' });
    expect(await stores.tasks.get('missing')).toBeNull();
    await mongo.close();
  });
});
