import { WorkflowNotFoundError } from '@temporalio/client';
import { caseStateQuery, type CaseSnapshot } from '$workflows/contracts/case';
import { caseWorkflowId } from '$workflows/contracts/customer';
import type { Task } from '$workflows/contracts/task';
import type { TimelineEvent } from '$workflows/contracts/timeline';
import type { Relais } from './relais';

export interface CaseView {
  caseId: string;
  /** 'workflow' when the live workflow answered, 'projection' when only MongoDB did. */
  source: 'workflow' | 'projection';
  state: CaseSnapshot | null;
  task: Task | null;
  timeline: TimelineEvent[];
}

/** A case as the workflow knows it, with its timeline; null when no such case exists. */
export async function loadCase(relais: Relais, caseId: string): Promise<CaseView | null> {
  const [task, timeline] = await Promise.all([
    relais.stores.tasks.get(caseId),
    relais.stores.timeline.forCase(caseId),
  ]);
  try {
    const state = await relais.client.workflow
      .getHandle(caseWorkflowId(caseId))
      .query(caseStateQuery);
    return { caseId, source: 'workflow', state, task, timeline };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError && !task && timeline.length === 0) return null;
    return { caseId, source: 'projection', state: null, task, timeline };
  }
}
