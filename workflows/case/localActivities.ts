import { proxyLocalActivities } from '@temporalio/workflow';
import type { RelaisActivities } from '../contracts/activities';

/**
 * The decision runs as a local activity (patch 'decide-local'): in the worker that holds the
 * case's workflow task, with no dispatch through the server and no queue behind other cases'
 * activities, and without a workflow task of its own to wake the case once it is done.
 */
export const localActs = proxyLocalActivities<Pick<RelaisActivities, 'decideCase'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});
