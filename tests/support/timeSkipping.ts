import { TestWorkflowEnvironment } from '@temporalio/testing';
import { inject } from 'vitest';

/** Temporal's time-skipping test server, from the PyPI wheel provisioned in .tools/. */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: inject('temporalTestServerBin') } },
  });
}
