import { WorkflowNotFoundError } from '@temporalio/client';
import { z } from 'zod';
import { caseStateQuery, type CaseSnapshot } from '$workflows/contracts/case';
import { caseWorkflowId } from '$workflows/contracts/customer';
import { type RouterSnapshot, WaitingReasonSchema } from '$workflows/contracts/routing';
import type { Task } from '$workflows/contracts/task';
import type { TimelineEvent } from '$workflows/contracts/timeline';
import { createRouterClient } from '$worker/routing/routerClient';
import type { Relais } from './relais';

/** Where a waiting case stands with the router: what the case JSON and page show. */
export const CaseRoutingSchema = z.object({
  /** 1 is next in its queue. */
  position: z.number().int().min(1),
  /** Null when no agent serves the queue (README "Routing to people"). */
  expectedWaitSeconds: z.number().int().min(0).nullable(),
  /** Why no agent has it yet; null while it is on offer. */
  reason: WaitingReasonSchema.nullable(),
  offeredTo: z
    .object({ agentId: z.string(), name: z.string(), expiresAt: z.iso.datetime() })
    .nullable(),
});
export type CaseRouting = z.infer<typeof CaseRoutingSchema>;

export interface CaseView {
  caseId: string;
  /** 'workflow' when the live workflow answered, 'projection' when only MongoDB did. */
  source: 'workflow' | 'projection';
  state: CaseSnapshot | null;
  task: Task | null;
  timeline: TimelineEvent[];
  /** Null when the case waits for no agent (or the router could not say). */
  routing: CaseRouting | null;
}

/** The case's place in the router's snapshot; null when the router does not hold it waiting. */
export function caseRouting(snapshot: RouterSnapshot | null, caseId: string): CaseRouting | null {
  const waiting = snapshot?.waiting.find((w) => w.caseId === caseId);
  if (!waiting) return null;
  const offer = waiting.offer;
  const agent = offer && snapshot!.agents.find((a) => a.agentId === offer.agentId);
  return CaseRoutingSchema.parse({
    position: waiting.position,
    expectedWaitSeconds: waiting.expectedWaitSeconds,
    reason: waiting.reason,
    offeredTo: offer && {
      agentId: offer.agentId,
      name: agent?.name ?? offer.agentId,
      expiresAt: offer.expiresAt,
    },
  });
}

/** Only a case nobody has yet can be waiting in the router. */
const mayWait = (state: CaseSnapshot) =>
  state.assignee === null && ['acknowledged', 'queued', 'reopened'].includes(state.status);

async function routingOf(relais: Relais, state: CaseSnapshot): Promise<CaseRouting | null> {
  if (!mayWait(state)) return null;
  try {
    return caseRouting(await createRouterClient(relais.client).snapshot(), state.caseId);
  } catch (err) {
    // The case page and JSON stay up when the router does not answer; only this part is missing.
    console.warn(`[designer] router snapshot failed: ${(err as Error).message}`);
    return null;
  }
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
    const routing = await routingOf(relais, state);
    return { caseId, source: 'workflow', state, task, timeline, routing };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError && !task && timeline.length === 0) return null;
    return { caseId, source: 'projection', state: null, task, timeline, routing: null };
  }
}
