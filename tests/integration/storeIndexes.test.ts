import type { CommandStartedEvent, Document } from 'mongodb';
import { describe, expect, inject, it } from 'vitest';
import { connectMongo, mongoClientOptions } from '../../worker/store/mongo';
import { createStores } from '../../worker/store/stores';
import { cloneContacts, writeContact } from '../support/contactFixtures';
import { explainQuery, queryOf } from '../support/explainPlan';
import { freshDatabase } from '../support/relaisWorker';

/** A filter with its values left out: `{ _id: ?, seq: { $lt: ? } }`. */
function shape(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  return '?';
}

/**
 * Shapes that FerretDB 1.24 cannot serve from an index whatever the indexes (README "Embedded
 * store"): `$ne` is pushed down as NOT(…), which no index serves. The unfiltered task list reads
 * every open task; a queue or status filter narrows it through the index.
 */
const knownScans = new Set(['tasks {"status":{"$ne":"?"}}']);

describe('the hot-path queries on the embedded store', () => {
  it.skipIf(inject('storeEngine') !== 'postgresql')(
    'each one reads through an index, not a scan of its collection',
    async () => {
      const { mongo, stores, uri } = await freshDatabase();
      const watched = await connectMongo(uri, { ...mongoClientOptions, monitorCommands: true });
      try {
        // Enough documents that a scan costs PostgreSQL more than an index, as in production.
        const exemplar = await writeContact(stores);
        await cloneContacts(mongo.db, exemplar, 0, 2000);

        const sent: Document[] = [];
        watched.client.on('commandStarted', (e: CommandStartedEvent) => sent.push(e.command));
        const s = createStores(watched.db);
        await s.customerStats.ready();
        // The intake, a decision's history facts, the case page and the task list as the
        // designer asks for it.
        const contact = await writeContact(s);
        await s.customers.find({ email: exemplar.email });
        await s.customers.get(exemplar.customerId);
        await s.customerStats.historyAt(exemplar.customerId, new Date(), 'next');
        await s.tasks.get(contact.caseId);
        await s.tasks.forCase(exemplar.caseId);
        await s.timeline.forCase(exemplar.caseId);
        await s.timeline.forCustomer(exemplar.customerId);
        await s.decisions.forCase(exemplar.caseId);
        await s.outbox.forCase(exemplar.caseId);
        await s.tasks.listPage({ queue: 'billing' }, 0, 50);
        await s.tasks.listPage({ status: 'queued', priority: 2 }, 1, 50);
        await s.tasks.listPage({}, 0, 50);
        // The saved views, the other orders and the dashboard's backlog, from the list counters.
        await s.tasks.listPage({ unassigned: true }, 0, 50);
        await s.tasks.listPage({ escalated: true }, 0, 50, 'due');
        await s.tasks.listPage({ dueBefore: new Date().toISOString() }, 0, 50);
        await s.tasks.listPage({ queue: 'billing' }, 0, 50, 'age');
        await s.tasks.backlog(new Date());

        const seen = new Map<string, Document>();
        for (const command of sent) {
          const query = queryOf(command);
          if (query) seen.set(`${query.find} ${JSON.stringify(shape(query.filter))}`, query);
        }
        expect(seen.size).toBeGreaterThan(10);
        const scans: string[] = [];
        for (const [name, query] of seen) {
          if (knownScans.has(name)) continue;
          const plan = await explainQuery(watched.db, query);
          if (!plan.usesIndex) scans.push(`${name}: ${plan.steps.join(' / ')}`);
        }
        expect(scans).toEqual([]);
        // The check tells a scan apart: a field without an index is one.
        const unindexed = await explainQuery(watched.db, {
          find: 'tasks',
          filter: { subject: 'x' },
        });
        expect(unindexed.usesIndex).toBe(false);
      } finally {
        await watched.close();
        await mongo.close();
      }
    },
    180_000,
  );
});
