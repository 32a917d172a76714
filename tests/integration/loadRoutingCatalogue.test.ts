import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultQueueRouting, RoutingCatalogueSchema } from '../../workflows/contracts/routing';
import { loadRoutingCatalogue } from '../../worker/routing/loadRoutingCatalogue';
import type { Mongo } from '../../worker/store/mongo';
import type { Stores } from '../../worker/store/stores';
import { queueDoc, testManager as manager } from '../support/catalogueFixtures';
import { freshDatabase } from '../support/relaisWorker';

let mongo: Mongo;
let stores: Stores;

beforeEach(async () => {
  ({ mongo, stores } = await freshDatabase());
});

afterEach(async () => {
  await mongo.close();
});

describe('loadRoutingCatalogue', () => {
  it("gives the router every queue's settings and every enabled agent's profile", async () => {
    await stores.queues.save(
      queueDoc('night', { policy: 'most-free-capacity', autoAccept: true }),
      manager,
    );
    await stores.users.setEnabled('lucas', false, manager);

    const catalogue = await loadRoutingCatalogue(stores);

    expect(RoutingCatalogueSchema.parse(catalogue)).toEqual(catalogue);
    expect(catalogue.queues.map((q) => q.queueId).sort()).toEqual(
      ['b2b-desk', 'billing', 'escalations', 'general', 'logistics', 'night', 'sales'].sort(),
    );
    expect(catalogue.queues.find((q) => q.queueId === 'night')).toEqual({
      ...defaultQueueRouting('night'),
      policy: 'most-free-capacity',
      autoAccept: true,
    });
    expect(catalogue.queues.find((q) => q.queueId === 'logistics')).toMatchObject({
      autoAccept: true,
    });
    // The seeded agents but the disabled one; the manager and supervisor serve no queue.
    expect(catalogue.agents.map((a) => a.agentId).sort()).toEqual(
      ['agent', 'chloe', 'ines', 'james', 'marc', 'priya', 'sofia', 'tom'].sort(),
    );
    expect(catalogue.agents.find((a) => a.agentId === 'james')).toEqual({
      agentId: 'james',
      name: 'James Walker',
      skills: [
        { skill: 'technical', level: 5 },
        { skill: 'sales', level: 3 },
      ],
      queues: ['general', 'sales'],
      langs: ['en'],
      capacity: { voice: 0, chat: 5, email: 15 },
    });
  });

  it('counts a supervisor who serves a queue, and not one who does not', async () => {
    const sam = (await stores.users.get('supervisor'))!;
    const before = await loadRoutingCatalogue(stores);
    expect(before.agents.some((a) => a.agentId === 'supervisor')).toBe(false);

    await stores.users.update(
      'supervisor',
      {
        ...sam,
        routing: { ...sam.routing, queues: ['escalations'], skills: [{ skill: 'vip', level: 5 }] },
      },
      manager,
    );

    const after = await loadRoutingCatalogue(stores);
    expect(after.agents.find((a) => a.agentId === 'supervisor')).toMatchObject({
      name: 'Sam Okafor',
      queues: ['escalations'],
      langs: ['en'],
    });
  });
});
