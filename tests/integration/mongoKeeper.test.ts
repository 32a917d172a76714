import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../launcher/ports';
import type { Mongo } from '../../worker/store/mongo';
import { MongoKeeper } from '../../worker/store/mongoKeeper';
import { freshDatabase } from '../support/relaisWorker';

/** A client that stays broken: it points where nothing listens, and never recovers. */
async function brokenClient(): Promise<Mongo> {
  const client = new MongoClient(`mongodb://127.0.0.1:${await freePort()}/relais`, {
    serverSelectionTimeoutMS: 300,
  });
  return { client, db: client.db(), close: () => client.close() };
}

describe('the worker’s MongoDB keeper', () => {
  it('replaces a client that keeps failing by a fresh one once that one gets through', async () => {
    const { mongo, uri } = await freshDatabase();
    const broken = await brokenClient();
    const replaced: Mongo[] = [];
    const lines: string[] = [];
    const keeper = new MongoKeeper(uri, broken, async (fresh) => void replaced.push(fresh), {
      checkEveryMs: 50,
      rebuildAfterMs: 0,
      log: (line) => lines.push(line),
    });
    try {
      expect(await keeper.check()).toBe('replaced');
      expect(replaced).toHaveLength(1);
      expect(keeper.current).toBe(replaced[0]);
      expect(keeper.current.db.databaseName).toBe(mongo.db.databaseName);
      await keeper.current.db.command({ ping: 1 });
      expect(await keeper.check()).toBe('healthy');
      expect(lines.at(-1)).toContain('replaced');
    } finally {
      await keeper.close();
      await mongo.close();
    }
  });

  it('keeps the client while the failures are recent, or while no fresh client gets through', async () => {
    const broken = await brokenClient();
    const replaced: Mongo[] = [];
    const patient = new MongoKeeper(
      'mongodb://127.0.0.1:9/unused',
      broken,
      async (fresh) => void replaced.push(fresh),
      { checkEveryMs: 50, rebuildAfterMs: 60_000, log: () => {} },
    );
    expect(await patient.check()).toBe('failing');
    expect(patient.current).toBe(broken);

    // Past the delay, but the database is still down: a fresh client fails too, and is dropped.
    const down = new MongoKeeper(
      `mongodb://127.0.0.1:${await freePort()}/relais?serverSelectionTimeoutMS=300`,
      broken,
      async (fresh) => void replaced.push(fresh),
      { checkEveryMs: 50, rebuildAfterMs: 0, log: () => {} },
    );
    expect(await down.check()).toBe('failing');
    expect(down.current).toBe(broken);
    expect(replaced).toEqual([]);
    await broken.close();
  });
});
