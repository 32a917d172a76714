import type { Client } from '@temporalio/client';
// The default import: Node's ESM loader sees no named exports in this CommonJS package.
import proto from '@temporalio/proto';

export interface HistoryCost {
  events: number;
  workflowTasks: number;
  activities: number;
  /** Local activities, recorded as markers. */
  localActivities: number;
}

const { EventType } = proto.temporal.api.enums.v1;

/** What some workflows' histories hold: events, workflow tasks and activities, summed. */
export async function historyCost(
  client: Client,
  workflowIds: readonly string[],
): Promise<HistoryCost> {
  const cost: HistoryCost = { events: 0, workflowTasks: 0, activities: 0, localActivities: 0 };
  for (const id of workflowIds) {
    const history = await client.workflow.getHandle(id).fetchHistory();
    for (const event of history.events ?? []) {
      cost.events += 1;
      if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) cost.workflowTasks += 1;
      if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) cost.activities += 1;
      if (event.eventType === EventType.EVENT_TYPE_MARKER_RECORDED) cost.localActivities += 1;
    }
  }
  return cost;
}
