import { managerRoles, requireRole } from '$lib/server/auth';
import { relais } from '$lib/server/relais';
import { routerClient } from '$lib/server/live/router';
import type { PageServerLoad } from './$types';

/** The router's snapshot with the names the page shows instead of ids; re-read on live events. */
export const load: PageServerLoad = async (event) => {
  requireRole(event, managerRoles);
  event.depends('relais:live');
  const { stores } = await relais();
  const [snapshot, queues, skills, users] = await Promise.all([
    (await routerClient()).snapshot(),
    stores.queues.list(),
    stores.skills.list(),
    stores.users.list(),
  ]);
  const caseIds = [...new Set(snapshot?.waiting.map((w) => w.caseId) ?? [])];
  const tasks = await Promise.all(caseIds.map((id) => stores.tasks.get(id)));
  return {
    snapshot,
    queues: queues.map((q) => ({ id: q._id, labels: q.labels })),
    skills: skills.map((s) => ({ id: s._id, labels: s.labels })),
    agentProfiles: Object.fromEntries(
      users.map((u) => [u._id, { queues: u.routing.queues, capacity: u.routing.capacity }]),
    ),
    cases: Object.fromEntries(
      tasks.flatMap((t) =>
        t
          ? [[t.caseId, { customerName: t.customerName, channel: t.channel, subject: t.subject }]]
          : [],
      ),
    ),
  };
};
