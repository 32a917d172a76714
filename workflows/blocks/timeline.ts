import type { RelaisActivities } from '../contracts/activities';
import type { TimelineEvent } from '../contracts/timeline';
import { workflowNow } from '../lib/clock';

/**
 * Appends typed events to the customer's timeline. Keys come from the workflow id and a
 * per-workflow sequence, which replay reproduces, so a retried write is a no-op.
 */
export class TimelineRecorder {
  private seq = 0;

  constructor(
    private readonly activities: Pick<RelaisActivities, 'recordEvent'>,
    private readonly workflowId: string,
    private readonly customerId: string,
    private readonly caseId: string,
  ) {}

  record(type: TimelineEvent['type'], data: Record<string, unknown> = {}): Promise<void> {
    this.seq += 1;
    return this.activities.recordEvent({
      key: `${this.workflowId}:event:${this.seq}`,
      customerId: this.customerId,
      caseId: this.caseId,
      type,
      at: workflowNow().toISOString(),
      data,
    });
  }
}
