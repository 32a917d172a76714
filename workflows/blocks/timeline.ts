import type { RelaisActivities } from '../contracts/activities';
import type { TimelineEvent } from '../contracts/timeline';
import { workflowNow } from '../lib/clock';
import type { StepKeys } from './stepKeys';

/** Appends typed events to the customer's timeline, each under its own idempotency key. */
export class TimelineRecorder {
  constructor(
    private readonly activities: Pick<RelaisActivities, 'recordEvent'>,
    private readonly keys: StepKeys,
    private readonly customerId: string,
    private readonly caseId: string,
  ) {}

  record(type: TimelineEvent['type'], data: Record<string, unknown> = {}): Promise<void> {
    return this.activities.recordEvent(this.event(type, data));
  }

  /** The next event, keyed in step order, for an activity that writes it with other steps. */
  event(type: TimelineEvent['type'], data: Record<string, unknown> = {}): TimelineEvent {
    return {
      key: this.keys.next('event'),
      customerId: this.customerId,
      caseId: this.caseId,
      type,
      at: workflowNow().toISOString(),
      data,
    };
  }
}
