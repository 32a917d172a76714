import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ManagedProcess } from '../../launcher/process';
import { deliverToCustomer } from '../../worker/inbound/deliver';
import { ErasureCertificateStore } from '../../worker/store/erasureCertificates';
import { caseWorkflowId, customerWorkflowId } from '../../workflows/contracts/customer';
import type { ErasureCertificate } from '../../workflows/privacy/erasureContract';
import { erasureWorkflowId, retentionScheduleId } from '../../workflows/privacy/erasureIds';
import { inboundMessage } from '../support/messages';
import { testDataConverter } from '../support/privacy';
import { createCustomer } from '../support/realCustomer';
import { eventually, freshDatabase } from '../support/relaisWorker';
import { startWorkerProcess } from '../support/workerProcess';

let connection: Connection;
let client: Client;
beforeAll(async () => {
  connection = await Connection.connect({ address: inject('temporalAddress') });
  client = new Client({ connection, dataConverter: await testDataConverter() });
});
afterAll(async () => {
  await connection?.close();
});

const status = async (workflowId: string) =>
  (await client.workflow.getHandle(workflowId).describe()).status.name;

describe('erasure across a worker crash', () => {
  it('finishes on a new worker process after the first is killed halfway', async () => {
    const { mongo, stores, uri } = await freshDatabase();
    const taskQueue = `erasure-crash-${randomUUID()}`;
    const first = startWorkerProcess({ mongoUri: uri, taskQueue, name: 'erasure-a' });
    let second: ManagedProcess | undefined;
    try {
      const customer = await createCustomer(stores);
      const caseId = await deliverToCustomer(client, taskQueue, customer, inboundMessage());
      await eventually(
        async () => (await stores.tasks.get(caseId))?.status === 'queued',
        'the case queued',
      );
      // The worker process creates the retention schedule when it starts.
      const schedule = await client.schedule.getHandle(retentionScheduleId(taskQueue)).describe();
      expect(schedule.action).toMatchObject({ workflowType: 'retentionWorkflow' });

      const subject = customer.customerId;
      const erasure = await client.workflow.start('erasureWorkflow', {
        workflowId: erasureWorkflowId(subject),
        taskQueue,
        args: [{ subject, reason: 'request', requestedBy: 'manager' }],
      });
      // Killed as soon as the erasure has begun ending the customer's workflows.
      await eventually(
        async () => (await status(customerWorkflowId(subject))) === 'TERMINATED',
        'the customer workflow ended by the erasure',
        60_000,
      );
      process.kill(-first.child.pid!, 'SIGKILL');
      await first.exited;
      const certificates = new ErasureCertificateStore(mongo.db);
      expect(await certificates.get(subject)).toBeNull();

      second = startWorkerProcess({ mongoUri: uri, taskQueue, name: 'erasure-b' });
      const certificate = (await erasure.result()) as ErasureCertificate;
      expect(certificate.subject).toBe(subject);
      expect(await certificates.get(subject)).toEqual(certificate);
      expect(await stores.customers.get(subject)).toBeNull();
      expect(await status(caseWorkflowId(caseId))).toBe('TERMINATED');
      expect((await stores.tasks.get(caseId))?.status).toBe('closed');
    } finally {
      if (first.child.exitCode === null && first.child.signalCode === null)
        process.kill(-first.child.pid!, 'SIGKILL');
      await second?.stop();
      await mongo.close();
    }
  }, 240_000);
});
