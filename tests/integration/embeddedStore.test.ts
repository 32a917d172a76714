import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { freePort } from '../../launcher/ports';
import { postgresUrlFor, startPostgres } from '../../launcher/postgres';
import { sqliteDataIn, startFerretDb } from '../../launcher/services';
import { mongoUriFor } from '../../worker/config';
import { connectMongo } from '../../worker/store/mongo';
import { explainQuery } from '../support/explainPlan';
import { freshDatabase } from '../support/relaisWorker';

describe('the embedded PostgreSQL under FerretDB', () => {
  it('keeps its data across restarts and stops at once with FerretDB still connected', async () => {
    const dir = join(inject('tmpDir'), `embedded-${randomUUID().slice(0, 8)}`);
    const pgPort = await freePort();
    const postgresOptions = {
      port: pgPort,
      dataDir: join(dir, 'postgres'),
      output: join(dir, 'postgres.log'),
      log: () => {},
    };
    const ferretOptions = {
      port: await freePort(),
      dataDir: join(dir, 'ferretdb'),
      output: join(dir, 'ferretdb.log'),
      engine: 'postgresql' as const,
      postgresqlUrl: postgresUrlFor(pgPort),
    };
    const uri = mongoUriFor(ferretOptions.port, 'restarts');
    let postgres = await startPostgres(postgresOptions);
    let ferret = await startFerretDb(ferretOptions);
    try {
      const first = await connectMongo(uri);
      await first.db.collection<{ _id: string }>('notes').insertOne({ _id: 'kept' });
      await first.close();

      // PostgreSQL first, while FerretDB holds its pool: a smart shutdown would wait for those
      // sessions until the 10 s SIGKILL; the fast one ends them.
      const stopping = Date.now();
      await postgres.stop();
      expect(Date.now() - stopping).toBeLessThan(5_000);
      expect(postgres.child.signalCode).toBeNull();
      await ferret.stop();

      postgres = await startPostgres(postgresOptions);
      ferret = await startFerretDb(ferretOptions);
      const again = await connectMongo(uri);
      try {
        expect(await again.db.collection('notes').findOne({ _id: 'kept' as never })).toEqual({
          _id: 'kept',
        });
      } finally {
        await again.close();
      }
    } finally {
      await ferret.stop();
      await postgres.stop();
    }
  }, 120_000);
});

describe('FerretDB indexes on PostgreSQL', () => {
  it.skipIf(inject('storeEngine') !== 'postgresql')(
    'serve equality filters from their creation, and no longer once dropped',
    async () => {
      const { mongo } = await freshDatabase();
      try {
        const col = mongo.db.collection<{ _id: string; ref: string }>('twins');
        await col.insertMany(
          Array.from({ length: 2000 }, (_, i) => ({ _id: `d-${i}`, ref: `r-${i}` })),
        );
        const byRef = () => explainQuery(mongo.db, { find: 'twins', filter: { ref: 'r-7' } });
        expect((await byRef()).usesIndex).toBe(false);
        await col.createIndex({ ref: 1 });
        expect(await byRef()).toMatchObject({ filterPushdown: true, usesIndex: true });
        await col.dropIndex('ref_1');
        expect((await byRef()).usesIndex).toBe(false);
        expect(await col.findOne({ ref: 'r-7' })).toEqual({ _id: 'd-7', ref: 'r-7' });
      } finally {
        await mongo.close();
      }
    },
    60_000,
  );
});

describe('earlier SQLite data', () => {
  it('is found where FerretDB on SQLite keeps its databases, and only there', () => {
    const dir = join(inject('tmpDir'), `sqlite-${randomUUID().slice(0, 8)}`);
    expect(sqliteDataIn(dir)).toBeUndefined();
    mkdirSync(dir);
    expect(sqliteDataIn(dir)).toBeUndefined();
    writeFileSync(join(dir, 'relais.sqlite'), '');
    expect(sqliteDataIn(dir)).toBe(dir);
  });
});
