import type { temporal } from '@temporalio/proto';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/**
 * The activity a history event runs: a scheduled activity by its name, a local activity as
 * "name (local)" from its marker, whose data the SDK's core writes as plain JSON.
 */
export function activityRun(e: HistoryEvent): string | null {
  const scheduled = e.activityTaskScheduledEventAttributes?.activityType?.name;
  if (scheduled) return scheduled;
  const marker = e.markerRecordedEventAttributes;
  const data = marker?.markerName === 'core_local_activity' && marker.details?.data?.payloads?.[0];
  if (!data || !data.data) return null;
  const { activity_type } = JSON.parse(Buffer.from(data.data).toString('utf8')) as {
    activity_type?: string;
  };
  return activity_type ? `${activity_type} (local)` : null;
}
