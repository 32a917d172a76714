import type { Refusal } from '$workflows/contracts/refusals';
import { claimOverCapacity } from '$workflows/routing/capacity';
import { routerClient } from './live/router';
import type { SessionUser } from './session';
import type { Relais } from './relais';

/**
 * Agents take a case from the list only where its queue allows it ("allow pull"); elsewhere the
 * router offers them its work. Supervisors and managers may always take a case.
 */
export async function mayPull(
  r: Relais,
  user: SessionUser,
  queue: string | null,
): Promise<boolean> {
  if (user.role !== 'agent' || queue === null) return true;
  return (await r.stores.queues.get(queue))?.allowPull ?? true;
}

/** The queues this user may not pull from, for a list to disable their claim buttons. */
export async function noPullQueues(r: Relais, user: SessionUser): Promise<string[]> {
  if (user.role !== 'agent') return [];
  return (await r.stores.queues.list()).filter((q) => !q.allowPull).map((q) => q._id);
}

/**
 * The refusal of a claim by this user, from the case's task; null when they may take it. An agent
 * may not pull beyond their capacity (the router's load and rule); supervisors and managers may
 * claim or assign beyond it, and the router then offers that agent nothing until there is room.
 */
export async function pullRefusal(
  r: Relais,
  user: SessionUser,
  caseId: string,
): Promise<Refusal | null> {
  const task = await r.stores.tasks.get(caseId);
  if (!(await mayPull(r, user, task?.queue ?? null))) return { code: 'claim.pullNotAllowed' };
  if (user.role !== 'agent' || !task) return null;
  // A router that cannot answer does not block the claim: it still counts the case in the load.
  const room = await (await routerClient()).room(user.id).catch(() => null);
  return room && claimOverCapacity(room, task.channel) ? { code: 'claim.overCapacity' } : null;
}
