import type { Refusal } from '$workflows/contracts/refusals';
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

/** The refusal of a claim by this user, from the case's task; null when they may take it. */
export async function pullRefusal(
  r: Relais,
  user: SessionUser,
  caseId: string,
): Promise<Refusal | null> {
  const task = await r.stores.tasks.get(caseId);
  return (await mayPull(r, user, task?.queue ?? null)) ? null : { code: 'claim.pullNotAllowed' };
}
