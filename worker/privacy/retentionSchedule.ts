import {
  type Client,
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type ScheduleOptionsAction,
  type ScheduleSpec,
} from '@temporalio/client';
import type { Config } from '../config';
import type { RetentionInput } from '../../workflows/privacy/erasureContract';
import { retentionScheduleId, retentionWorkflowId } from '../../workflows/privacy/erasureIds';

/** The retention settings of this configuration (README "Personal data"). */
export const retentionSettings = (config: Config): RetentionInput => ({
  months: config.RELAIS_RETENTION_MONTHS,
  attachmentDays: config.RELAIS_ATTACHMENT_RETENTION_DAYS,
  outboxBodyDays: config.RELAIS_OUTBOX_BODY_RETENTION_DAYS,
});

/** Once a day; a run still going when the next is due is left to finish (overlap: skip). */
const spec: ScheduleSpec = { intervals: [{ every: '1 day' }] };

/**
 * Creates the retention schedule, or brings the existing one to this worker's settings: every
 * worker start may call it.
 */
export async function ensureRetentionSchedule(
  client: Client,
  taskQueue: string,
  settings: RetentionInput,
): Promise<void> {
  const action: ScheduleOptionsAction = {
    type: 'startWorkflow',
    workflowType: 'retentionWorkflow',
    workflowId: retentionWorkflowId(taskQueue),
    taskQueue,
    args: [settings],
  };
  const scheduleId = retentionScheduleId(taskQueue);
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => ({
      ...previous,
      spec,
      action,
      policies: { ...previous.policies, overlap: ScheduleOverlapPolicy.SKIP },
    }));
  }
}
