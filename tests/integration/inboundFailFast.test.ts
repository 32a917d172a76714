import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../launcher/ports';
import type { ManagedProcess } from '../../launcher/process';
import { startFerretDb, startTemporalDevServer } from '../../launcher/services';
import { createActivities } from '../../worker/activities/createActivities';
import { mongoUriFor } from '../../worker/config';
import { seedIfEmpty } from '../../worker/seed/seed';
import { connectMongo, type Mongo } from '../../worker/store/mongo';
import { buildActivityDeps } from '../../worker/wiring';
import { startDesigner, type DesignerServer } from '../support/designerServer';
import { ownFerret } from '../support/ownFerret';
import { eventually } from '../support/relaisWorker';
import { testDataConverter } from '../support/privacy';

/**
 * A FerretDB (on the run's engine; a PostgreSQL under it stays up) and a Temporal dev server of
 * this file's own, so that each can be stopped and started again (same port, same data) under a
 * running designer and worker.
 */
const dir = join(inject('tmpDir'), `failfast-${randomUUID().slice(0, 8)}`);
let ferretOptions: Parameters<typeof startFerretDb>[0];
let temporalOptions: Parameters<typeof startTemporalDevServer>[0];
let ferret: ManagedProcess | undefined;
let postgres: ManagedProcess | undefined;
let temporal: ManagedProcess | undefined;
let mongo: Mongo;
let designer: DesignerServer;
let stopWorker = () => {};
let running: Promise<void> | undefined;

/** The check's budget is 700 ms; a loaded 2-core machine gets this much for the whole answer. */
const answerBudgetMs = 3_000;

beforeAll(async () => {
  ({ options: ferretOptions, postgres } = await ownFerret(dir));
  temporalOptions = {
    port: await freePort(),
    uiPort: await freePort(),
    dbFile: join(dir, 'temporal.db'),
    namespace: 'default',
    output: join(dir, 'temporal.log'),
  };
  [ferret, temporal] = await Promise.all([
    startFerretDb(ferretOptions),
    startTemporalDevServer(temporalOptions),
  ]);
  const mongoUri = mongoUriFor(ferretOptions.port);
  mongo = await connectMongo(mongoUri);
  const deps = await buildActivityDeps(mongo.db);
  await seedIfEmpty(deps.stores, () => {});
  const taskQueue = `failfast-${randomUUID()}`;
  const temporalAddress = `127.0.0.1:${temporalOptions.port}`;
  const connection = await NativeConnection.connect({ address: temporalAddress });
  const worker = await Worker.create({
    connection,
    taskQueue,
    dataConverter: await testDataConverter(),
    workflowBundle: { codePath: inject('workflowBundlePath') },
    activities: createActivities(deps),
  });
  running = worker
    .runUntil(new Promise<void>((resolve) => (stopWorker = resolve)))
    .finally(() => connection.close());
  designer = await startDesigner({
    mongoUri,
    taskQueue,
    env: { TEMPORAL_ADDRESS: temporalAddress },
  });
}, 120_000);

afterAll(async () => {
  await designer?.process.stop();
  stopWorker();
  await running;
  await mongo?.close();
  await Promise.all([ferret?.stop(), temporal?.stop()]);
  await postgres?.stop();
}, 60_000);

async function post(email: string) {
  const started = Date.now();
  const res = await fetch(`${designer.url}/api/inbound/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...designer.auth },
    body: JSON.stringify({ messageId: randomUUID(), customer: { email }, text: 'Bonjour' }),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as Record<string, unknown>,
    ms: Date.now() - started,
  };
}

const written = async (email: string) =>
  (await mongo.db.collection('customers').countDocuments({ email })) +
  (await mongo.db
    .collection<{ _id: string }>('customerKeys')
    .countDocuments({ _id: `email:${email}` }));

/** A contact accepted again: the servers are back, and so is every write they would have made. */
const acceptedAgain = () =>
  eventually(
    async () => (await post(`back.${randomUUID().slice(0, 8)}@exemple.fr`)).status === 202,
    'a contact accepted again',
    90_000,
  );

describe('inbound API with a dependency down', () => {
  it('answers 503 with Retry-After at once while FerretDB is down, and writes nothing', async () => {
    expect((await post(`before.${randomUUID().slice(0, 8)}@exemple.fr`)).status).toBe(202);
    await ferret!.stop();
    ferret = undefined;
    const email = `ferret-down.${randomUUID().slice(0, 8)}@exemple.fr`;
    const res = await post(email);
    ferret = await startFerretDb(ferretOptions);
    expect(res).toMatchObject({
      status: 503,
      retryAfter: '5',
      body: { code: 'unavailable', unavailable: ['mongodb'] },
    });
    expect(res.ms).toBeLessThan(answerBudgetMs);
    await acceptedAgain();
    expect(await written(email)).toBe(0);
  }, 150_000);

  it('answers 503 with Retry-After at once while Temporal is down, and writes nothing', async () => {
    expect((await post(`before.${randomUUID().slice(0, 8)}@exemple.fr`)).status).toBe(202);
    await temporal!.stop();
    temporal = undefined;
    const email = `temporal-down.${randomUUID().slice(0, 8)}@exemple.fr`;
    const res = await post(email);
    temporal = await startTemporalDevServer(temporalOptions);
    expect(res).toMatchObject({
      status: 503,
      retryAfter: '5',
      body: { code: 'unavailable', unavailable: ['temporal'] },
    });
    expect(res.ms).toBeLessThan(answerBudgetMs);
    await acceptedAgain();
    expect(await written(email)).toBe(0);
  }, 150_000);
});
