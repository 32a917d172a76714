import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ManagedProcess } from '../../launcher/process';
import { startFerretDb } from '../../launcher/services';
import { mongoUriFor } from '../../worker/config';
import { deliverToCustomer } from '../../worker/inbound/deliver';
import type { CustomerProfile, InboundMessage } from '../../workflows/contracts/messages';
import { seedIfEmpty } from '../../worker/seed/seed';
import { connectMongo } from '../../worker/store/mongo';
import { createStores, ensureIndexes } from '../../worker/store/stores';
import { inboundMessage } from '../support/messages';
import { ownFerret } from '../support/ownFerret';
import { createCustomer } from '../support/realCustomer';
import { eventually } from '../support/relaisWorker';
import { startWorkerProcess } from '../support/workerProcess';
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

const contacts = 20;
const outageMs = 30_000;

describe('a FerretDB outage under load', () => {
  it('ends every accepted contact with its task and acknowledgement, without a worker restart', async () => {
    // A FerretDB of its own, so that it can be stopped and started again on the same port and data.
    const { options: ferret, postgres } = await ownFerret(
      join(inject('tmpDir'), `ferret-outage-${randomUUID()}`),
    );
    let db: ManagedProcess | undefined = await startFerretDb(ferret);
    const uri = mongoUriFor(ferret.port);
    const taskQueue = `outage-${randomUUID()}`;
    let worker: ManagedProcess | undefined;
    try {
      const setup = await connectMongo(uri);
      const stores = createStores(setup.db);
      await ensureIndexes(stores);
      await seedIfEmpty(stores, () => {});
      const sent: { customer: CustomerProfile; message: InboundMessage }[] = [];
      for (let i = 0; i < contacts; i += 1)
        sent.push({ customer: await createCustomer(stores), message: inboundMessage() });
      await setup.close();

      worker = startWorkerProcess({ mongoUri: uri, taskQueue, name: 'worker-outage' });
      // The outage must hit a running worker: on a busy machine its start (which needs MongoDB)
      // can take longer than the first quarter of the contacts.
      const log = join(inject('tmpDir'), `worker-outage-${taskQueue}.log`);
      await eventually(
        async () => existsSync(log) && readFileSync(log, 'utf8').includes('[worker] polling'),
        'the worker polling its task queue',
        120_000,
      );
      // Contacts arrive at 2/s; FerretDB goes down after the first quarter, while they keep
      // coming (the customer workflows only need Temporal), and stays down for 30 s.
      const caseIds: string[] = [];
      const delivering = (async () => {
        for (const { customer, message } of sent) {
          caseIds.push(await deliverToCustomer(client, taskQueue, customer, message));
          await new Promise((r) => setTimeout(r, 500));
        }
      })();
      await new Promise((r) => setTimeout(r, (contacts / 4) * 500));
      await db.stop();
      db = undefined;
      const downAt = Date.now();
      await delivering;
      await new Promise((r) => setTimeout(r, Math.max(0, outageMs - (Date.now() - downAt))));
      db = await startFerretDb(ferret);

      const check = await connectMongo(uri);
      try {
        const after = createStores(check.db);
        expect(caseIds).toHaveLength(sent.length);
        for (const caseId of caseIds) {
          await eventually(
            async () => (await after.tasks.get(caseId))?.status === 'queued',
            `the task of case ${caseId}`,
            240_000,
          );
          await eventually(
            async () =>
              (await after.outbox.forCase(caseId)).some(
                (m) => m.kind === 'acknowledgement' && m.status === 'sent',
              ),
            `the acknowledgement of case ${caseId}`,
            240_000,
          );
        }
      } finally {
        await check.close();
      }
      // The same worker process did it all: it never exited.
      expect(worker.child.exitCode).toBeNull();
    } finally {
      await worker?.stop();
      await db?.stop();
      await postgres?.stop();
    }
  }, 600_000);
});
