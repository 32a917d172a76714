import { Client, Connection } from '@temporalio/client';
import {
  bundleWorkflowCode,
  NativeConnection,
  Worker,
  type WorkflowBundle,
} from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type BusyRouter,
  createRouterClient,
  type PresenceResult,
} from '../../worker/routing/routerClient';
import { routerWorkflowIdFor } from '../../workflows/contracts/routing';
import { eventually } from '../support/relaisWorker';
import { armSignal } from './workflows/routerStandIn';

const bundleOf = (file: string) =>
  bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL(`./workflows/${file}`, import.meta.url)),
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
  });

let connection: Connection;
let client: Client;
let failing: WorkflowBundle;
let healed: WorkflowBundle;
beforeAll(async () => {
  connection = await Connection.connect({ address: inject('temporalAddress') });
  client = new Client({ connection });
  [failing, healed] = await Promise.all([
    bundleOf('failingRouter.ts'),
    bundleOf('healedRouter.ts'),
  ]);
});
afterAll(async () => {
  await connection?.close();
});

describe('the router client on a real Temporal server', () => {
  it("asks again while the router's workflow task keeps failing, and gets its answer once one passes", async () => {
    const taskQueue = `router-retry-${randomUUID()}`;
    const workerConnection = await NativeConnection.connect({
      address: inject('temporalAddress'),
    });
    const workerOn = (workflowBundle: WorkflowBundle) =>
      Worker.create({ connection: workerConnection, taskQueue, workflowBundle });
    const router = await client.workflow.start('router', {
      workflowId: routerWorkflowIdFor(taskQueue),
      taskQueue,
    });
    try {
      const busy: BusyRouter[] = [];
      let answer: Promise<PresenceResult> | undefined;
      const first = await workerOn(failing);
      await first.runUntil(async () => {
        await router.signal(armSignal);
        // From the third attempt of a failing task on, the server turns updates away at once.
        await eventually(
          async () => ((await router.describe()).raw.pendingWorkflowTask?.attempt ?? 0) >= 3,
          'a workflow task failing for the third time',
        );
        const routerClient = createRouterClient(client, taskQueue, {
          onBusy: (b) => busy.push(b),
          busyPatienceMs: 120_000,
        });
        answer = routerClient.setPresence({
          agentId: 'rt-retry',
          presence: 'away',
          reason: 'break',
        });
        // Awaited below; a refusal before then must not count as unhandled.
        answer.catch(() => undefined);
        await eventually(async () => busy.length > 0, 'a refusal asked again');
      });
      expect(busy[0]).toMatchObject({ grpcCode: 9, attempt: 1 });

      // The task passes on a healed worker: the server retries it within 10 s.
      const second = await workerOn(healed);
      await second.runUntil(async () => {
        expect(await answer).toMatchObject({
          ok: true,
          agent: { agentId: 'rt-retry', presence: 'away', awayReason: 'break' },
        });
      });
      expect(busy.every((b) => b.grpcCode === 9)).toBe(true);
    } finally {
      await router.terminate('test finished').catch(() => undefined);
      await workerConnection.close();
    }
  });
});
