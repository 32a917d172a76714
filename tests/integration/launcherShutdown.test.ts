import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ManagedProcess } from '../../launcher/process';
import { deliverToCustomer } from '../../worker/inbound/deliver';
import { startDesigner } from '../support/designerServer';
import { inboundMessage } from '../support/messages';
import { createCustomer } from '../support/realCustomer';
import { eventually, freshDatabase } from '../support/relaisWorker';
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

/**
 * Sends SIGTERM to the process group, as the launcher's Ctrl-C and a service manager do, and
 * resolves how long the process took to exit by itself (SIGKILL comes only after the test).
 */
async function terminate(proc: ManagedProcess, limitMs: number): Promise<number> {
  const started = Date.now();
  process.kill(-proc.child.pid!, 'SIGTERM');
  const exited = await Promise.race([
    proc.exited.then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), limitMs + 5_000)),
  ]);
  if (!exited) process.kill(-proc.child.pid!, 'SIGKILL');
  expect(exited, `${proc.name} still running after SIGTERM`).toBe(true);
  expect(proc.child.signalCode).toBeNull();
  return Date.now() - started;
}

describe('stopping the services', () => {
  it('stops the worker within 10 s of SIGTERM, even with an activity stuck', async () => {
    const { mongo, stores, uri } = await freshDatabase();
    const hold = mkdtempSync(join(inject('tmpDir'), 'hold-stuck-'));
    const taskQueue = `shutdown-${randomUUID()}`;
    // Every send is held until a `release` file appears, which never happens: a stuck activity.
    const worker = startWorkerProcess({
      mongoUri: uri,
      taskQueue,
      name: 'worker-stuck',
      env: { RELAIS_TEST_HOLD_AFTER_SEND: hold },
    });
    try {
      const customer = await createCustomer(stores);
      await deliverToCustomer(client, taskQueue, customer, inboundMessage());
      await eventually(
        async () => readdirSync(hold).length > 0,
        'an activity stuck after its send',
        60_000,
      );
      expect(await terminate(worker, 10_000)).toBeLessThan(10_000);
    } finally {
      await worker.stop();
      await mongo.close();
    }
  }, 120_000);

  it('stops the designer within 10 s of SIGTERM, with its clients connected and a keep-alive socket open', async () => {
    const { mongo, uri } = await freshDatabase();
    const designer = await startDesigner({ mongoUri: uri, taskQueue: `shutdown-${randomUUID()}` });
    const agent = new Agent({ keepAlive: true });
    try {
      // A sign-in connects the designer to MongoDB and Temporal; the agent keeps its socket.
      const status = await new Promise<number>((resolve, reject) => {
        const body = 'username=manager&password=relais-manager';
        const req = request(
          `${designer.url}/login`,
          {
            method: 'POST',
            agent,
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              origin: designer.url,
              'content-length': Buffer.byteLength(body),
            },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
      expect(status).toBeLessThan(500);
      expect(await terminate(designer.process, 10_000)).toBeLessThan(10_000);
    } finally {
      agent.destroy();
      await designer.process.stop();
      await mongo.close();
    }
  }, 120_000);
});
