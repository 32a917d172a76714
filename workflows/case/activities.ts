import { proxyActivities } from '@temporalio/workflow';
import type { RelaisActivities } from '../contracts/activities';

/**
 * The activity stubs every case lifecycle uses, built once per workflow isolate. Business errors
 * are thrown as non-retryable ApplicationFailures by the activities themselves.
 */
export const acts = proxyActivities<RelaisActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});
