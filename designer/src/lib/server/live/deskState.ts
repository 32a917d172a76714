import { capacityClassOf } from '$workflows/contracts/routing';
import type { DeskOffer, DeskState } from '$lib/components/desk/deskModel';
import type { SessionUser } from '$lib/user';
import { relais } from '../relais';
import { routerClient } from './router';

/**
 * The desk of `user` as the router sees it now: presence, outstanding offers (a desk opened
 * mid-offer shows it too) and the work they hold, in words from the task list.
 */
export async function deskState(user: SessionUser): Promise<DeskState> {
  const { stores } = await relais();
  const snapshot = await (await routerClient()).snapshot();
  const agent = snapshot?.agents.find((a) => a.agentId === user.id) ?? null;
  if (!snapshot || !agent) return { agent: null, capacity: null, offers: [], work: [] };
  const offered = snapshot.waiting.filter((w) => w.offer?.agentId === user.id);
  const held = Object.keys(agent.load);
  const [profile, tasks] = await Promise.all([
    stores.users.get(user.id),
    Promise.all([...offered.map((w) => w.caseId), ...held].map((id) => stores.tasks.get(id))),
  ]);
  const task = (caseId: string) => tasks.find((t) => t?.caseId === caseId) ?? null;
  const offers = offered.flatMap((w): DeskOffer[] => {
    const t = task(w.caseId);
    if (!w.offer || !t) return [];
    return [
      {
        offerId: w.offer.offerId,
        caseId: w.caseId,
        queue: w.queue,
        customerName: t.customerName,
        channel: t.channel,
        subject: t.subject,
        priority: t.priority,
        offeredAt: w.offer.offeredAt,
        expiresAt: w.offer.expiresAt,
      },
    ];
  });
  const work = held.map((caseId) => {
    const t = task(caseId);
    return {
      caseId,
      capacityClass: agent.load[caseId] ?? (t ? capacityClassOf(t.channel) : 'email'),
      customerName: t?.customerName ?? null,
      subject: t?.subject ?? null,
      channel: t?.channel ?? null,
    };
  });
  return { agent, capacity: profile?.routing.capacity ?? null, offers, work };
}
