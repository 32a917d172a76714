import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RoutingEvent } from '../../workflows/contracts/routing';
import type { CommandStartedEvent, Document } from 'mongodb';
import { connectMongo, mongoClientOptions, type Mongo } from '../../worker/store/mongo';
import { createStores, type Stores } from '../../worker/store/stores';
import { createRouterActivities } from '../../worker/routing/routerActivities';
import { explainQuery, queryOf } from '../support/explainPlan';
import { freshDatabase } from '../support/relaisWorker';

let db: { mongo: Mongo; stores: Stores; uri: string };
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => {
  await db.mongo.close();
});

const base = Date.parse('2026-03-02T09:00:00.000Z');
const at = (seq: number) => new Date(base + seq * 1000).toISOString();
const presence = (seq: number, agentId = 'ana'): RoutingEvent => ({
  seq,
  at: at(seq),
  kind: 'presence',
  agentId,
  presence: seq % 2 === 0 ? 'available' : 'away',
  reason: seq % 2 === 0 ? null : 'lunch',
});
const waiting = (seq: number): RoutingEvent => ({
  seq,
  at: at(seq),
  kind: 'item-waiting',
  caseId: `case-${seq}`,
  queue: 'billing',
  reason: { code: 'no-agent-with-skill', skill: 'billing', minLevel: 3 },
});

describe('the routing event store', () => {
  it('stores each event once by seq, however often a batch is retried, and reads them in order', async () => {
    const store = db.stores.routingEvents;
    expect(await store.lastSeq()).toBe(0);
    await store.publish([presence(3), waiting(1)]);
    // A retry of a batch that partly landed stores the rest and changes nothing else.
    await store.publish([waiting(1), presence(2), presence(3), waiting(4)]);
    await store.publish([waiting(4)]);
    expect(await store.since(0, 10)).toEqual([waiting(1), presence(2), presence(3), waiting(4)]);
    expect(await store.since(1, 2)).toEqual([presence(2), presence(3)]);
    expect(await store.lastSeq()).toBe(4);
    expect(await store.presence(new Date(at(2)), new Date(at(4)))).toEqual([
      presence(2),
      presence(3),
    ]);
  });

  it('notes when each event was written, for the bench, and reads events without it', async () => {
    const before = Date.now();
    await db.stores.routingEvents.publish([waiting(30)]);
    const doc = await db.mongo.db.collection('routingEvents').findOne({ _id: 30 as never });
    expect(doc?.storedAt).toBeInstanceOf(Date);
    expect((doc!.storedAt as Date).getTime()).toBeGreaterThanOrEqual(before);
    expect(await db.stores.routingEvents.since(29, 1)).toEqual([waiting(30)]);
  });

  it('refuses an event that does not match the contract, storing nothing', async () => {
    const bad = { ...waiting(50), reason: { code: 'no-such-reason' } } as unknown as RoutingEvent;
    await expect(db.stores.routingEvents.publish([waiting(49), bad])).rejects.toThrow();
    expect(await db.stores.routingEvents.since(48, 10)).toEqual([]);
  });

  it('reads across pages, and reads the tail through an index, not a scan', async () => {
    const many = Array.from({ length: 300 }, (_, i) => waiting(1000 + i));
    await db.stores.routingEvents.publish(many);
    expect(await db.stores.routingEvents.since(999, 1000)).toEqual(many);
    expect(await db.stores.routingEvents.since(1010, 150)).toEqual(many.slice(11, 161));
    expect(await db.stores.routingEvents.since(1299, 10)).toEqual([]);
    if (inject('storeEngine') !== 'postgresql') return;
    const sent: Document[] = [];
    const watched = await connectMongo(db.uri, { ...mongoClientOptions, monitorCommands: true });
    try {
      watched.client.on('commandStarted', (e: CommandStartedEvent) => sent.push(e.command));
      await createStores(watched.db).routingEvents.since(1100, 500);
    } finally {
      await watched.close();
    }
    const finds = sent.flatMap((c) => (queryOf(c) ? [queryOf(c)!] : []));
    expect(finds.length).toBeGreaterThan(1);
    for (const find of finds) expect((await explainQuery(db.mongo.db, find)).usesIndex).toBe(true);
    // The check tells a scan apart: the plain range on _id is one.
    const range = { find: 'routingEvents', filter: { _id: { $gt: 1100 } } };
    expect((await explainQuery(db.mongo.db, range)).usesIndex).toBe(false);
  });

  it('puts offers and relaxation on the case timeline once, keyed by seq', async () => {
    const { stores } = db;
    await stores.timeline.append({
      key: 'case-opened:c-timeline',
      customerId: 'cust-1',
      caseId: 'c-timeline',
      type: 'case-opened',
      at: at(0),
      data: {},
    });
    const acts = createRouterActivities({ stores });
    const offered: RoutingEvent = {
      seq: 9001,
      at: at(9001),
      kind: 'offer-created',
      caseId: 'c-timeline',
      queue: 'billing',
      offer: {
        offerId: 'offer-9001',
        caseId: 'c-timeline',
        agentId: 'ana',
        offeredAt: at(9001),
        expiresAt: at(9021),
      },
      item: {
        caseId: 'c-timeline',
        queue: 'billing',
        priority: 2,
        skills: [],
        lang: 'fr',
        channel: 'chat',
        customerName: 'Claire Martin',
        subject: 'Facture',
        waitingSince: at(0),
        reason: 'intake',
        excludeAgents: [],
      },
    };
    const relaxed: RoutingEvent = {
      seq: 9002,
      at: at(9002),
      kind: 'item-relaxed',
      caseId: 'c-timeline',
      queue: 'billing',
      step: 'levels-lowered',
    };
    await acts.publishRoutingEvents([offered, relaxed]);
    await acts.publishRoutingEvents([offered, relaxed]);
    const events = await stores.timeline.forCase('c-timeline');
    expect(events.map((e) => [e.type, e.customerId, e.data])).toEqual([
      ['case-opened', 'cust-1', {}],
      ['offered', 'cust-1', { agentId: 'ana', offerId: 'offer-9001', expiresAt: at(9021) }],
      ['routing-relaxed', 'cust-1', { step: 'levels-lowered' }],
    ]);
    expect(await acts.lastRoutingEventSeq()).toBe(await stores.routingEvents.lastSeq());
  });
});
