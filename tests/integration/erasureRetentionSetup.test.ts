import { Client, Connection, ScheduleOverlapPolicy } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureRetentionSchedule } from '../../worker/privacy/retentionSchedule';
import { setNamespaceRetention } from '../../worker/privacy/retentionNamespace';
import { retentionScheduleId } from '../../workflows/privacy/erasureIds';
import { testDataConverter } from '../support/privacy';

/** What the worker and `npm start` set up for retention, on the Temporal dev server. */
let connection: Connection;
let client: Client;
beforeAll(async () => {
  connection = await Connection.connect({ address: inject('temporalAddress') });
  client = new Client({ connection, dataConverter: await testDataConverter() });
});
afterAll(async () => {
  await connection?.close();
});

describe('retention setup', () => {
  it('creates the daily retention schedule once, and brings it to new settings', async () => {
    const taskQueue = `retention-${randomUUID()}`;
    const settings = { months: 36, attachmentDays: 365, outboxBodyDays: 365 };
    await ensureRetentionSchedule(client, taskQueue, settings);
    await ensureRetentionSchedule(client, taskQueue, settings);
    await ensureRetentionSchedule(client, taskQueue, { ...settings, months: 24 });
    const handle = client.schedule.getHandle(retentionScheduleId(taskQueue));
    try {
      const schedule = await handle.describe();
      expect(schedule.spec.intervals?.map((i) => i.every)).toEqual([86_400_000]);
      expect(schedule.action).toMatchObject({
        type: 'startWorkflow',
        workflowType: 'retentionWorkflow',
        taskQueue,
        args: [{ ...settings, months: 24 }],
      });
      expect(schedule.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
    } finally {
      await handle.delete();
    }
  });

  it('sets how long the namespace keeps closed workflows', async () => {
    const namespace = 'default';
    await setNamespaceRetention(inject('temporalAddress'), namespace, 30);
    const described = await connection.workflowService.describeNamespace({ namespace });
    const ttl = described.config?.workflowExecutionRetentionTtl?.seconds;
    expect(Number(String(ttl))).toBe(30 * 86_400);
  });
});
