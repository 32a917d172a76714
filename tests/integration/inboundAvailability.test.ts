import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AvailabilityCheck, availabilityBudgetMs } from '../../worker/inbound/availability';
import { connectMongo, mongoClientOptions, type Mongo } from '../../worker/store/mongo';
import { eventually, freshDatabase } from '../support/relaisWorker';
import { testDataConverter } from '../support/privacy';

let connection: Connection;
let client: Client;
beforeAll(async () => {
  connection = await Connection.connect({ address: inject('temporalAddress') });
  client = new Client({ connection, dataConverter: await testDataConverter() });
});
afterAll(async () => {
  await connection?.close();
});

/** A MongoDB client that counts the pings sent on it: one ping per check of the servers. */
async function countingPings(): Promise<{ mongo: Mongo; pings: () => number }> {
  const { uri, mongo: setup } = await freshDatabase();
  await setup.close();
  const mongo = await connectMongo(uri, { ...mongoClientOptions, monitorCommands: true });
  let pings = 0;
  mongo.client.on('commandStarted', (e) => {
    if (e.commandName === 'ping') pings += 1;
  });
  return { mongo, pings: () => pings };
}

describe('the inbound availability check', () => {
  it('asks the servers once for a burst of requests, and again after a real call failed', async () => {
    const { mongo, pings } = await countingPings();
    try {
      const check = new AvailabilityCheck({ db: mongo.db, client }, availabilityBudgetMs, 60_000);
      const burst = await Promise.all(Array.from({ length: 10 }, () => check.down()));
      expect(burst).toEqual(burst.map(() => []));
      for (let i = 0; i < 10; i += 1) expect(await check.down()).toEqual([]);
      expect(pings()).toBe(1);
      check.distrust();
      expect(await check.down()).toEqual([]);
      expect(pings()).toBe(2);
    } finally {
      await mongo.close();
    }
  });

  it('asks again once its healthy answer is older than it is trusted for', async () => {
    const { mongo, pings } = await countingPings();
    try {
      const check = new AvailabilityCheck({ db: mongo.db, client }, availabilityBudgetMs, 100);
      expect(await check.down()).toEqual([]);
      expect(pings()).toBe(1);
      await eventually(async () => (await check.down()).length === 0 && pings() >= 2, 'a new ping');
    } finally {
      await mongo.close();
    }
  });
});
