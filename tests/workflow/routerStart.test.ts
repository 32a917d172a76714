import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { routerWorkflowIdFor } from '../../workflows/contracts/routing';
import { ensureRouter, handOver } from '../../worker/routing/handOver';
import { createTimeSkippingEnv } from '../support/timeSkipping';

// No worker needed: what is checked is how the server was asked to run the router.
describe('starting the router', () => {
  it('gives its workflow tasks a minute, whether the worker or a hand-over starts it', async () => {
    const env = await createTimeSkippingEnv();
    const queues = [`start-${randomUUID()}`, `handover-${randomUUID()}`];
    try {
      await ensureRouter(env.client, queues[0]!);
      await handOver(env.client, queues[1]!, [
        {
          kind: 'release',
          release: { caseId: randomUUID(), agentId: 'ana', handledSeconds: 60 },
        },
      ]);
      for (const taskQueue of queues) {
        const described = await env.client.workflow
          .getHandle(routerWorkflowIdFor(taskQueue))
          .describe();
        expect(String(described.raw.executionConfig?.defaultWorkflowTaskTimeout?.seconds)).toBe(
          '60',
        );
      }
    } finally {
      for (const taskQueue of queues)
        await env.client.workflow
          .getHandle(routerWorkflowIdFor(taskQueue))
          .terminate('test finished')
          .catch(() => undefined);
      await env.teardown();
    }
  });
});
