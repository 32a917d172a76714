import type { Presence } from '../../../workflows/contracts/routing';
import type { RouterClient } from '../../../worker/routing/routerClient';
import type { Stores } from '../../../worker/store/stores';

const bench = { id: 'bench', role: 'manager' as const };

export const agentId = (n: number): string => `bench-agent-${String(n).padStart(3, '0')}`;

/**
 * `count` agents who serve every queue with every skill at level 5, speak FR and EN and take the
 * default capacity (3 chats at once), through the catalogue stores as a manager would. Every
 * queue offers (no auto-accept), so each routed contact makes an offer the bench can time.
 */
export async function createAgents(stores: Stores, count: number): Promise<string[]> {
  const [queues, skills] = await Promise.all([stores.queues.list(), stores.skills.ids()]);
  for (const q of queues)
    if (q.autoAccept) await stores.queues.save({ ...q, autoAccept: false }, bench);
  const ids = Array.from({ length: count }, (_, i) => agentId(i + 1));
  for (const [i, id] of ids.entries())
    await stores.users.create(
      {
        _id: id,
        name: `Agent ${i + 1}`,
        role: 'agent',
        lang: 'fr',
        routing: {
          skills: skills.map((skill) => ({ skill, level: 5 })),
          queues: queues.map((q) => q._id),
          langs: ['fr', 'en'],
          capacity: { voice: 1, chat: 3, email: 10 },
        },
      },
      'bench-agent-password',
    );
  return ids;
}

/**
 * Sets every agent's presence through the router client, as the desk does; retries while the
 * router has not loaded them yet (it reloads on `catalogueChanged`).
 */
export async function setPresenceAll(
  router: RouterClient,
  ids: readonly string[],
  presence: Presence,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await Promise.all(
    ids.map(async (agentId) => {
      for (;;) {
        const r = await router.setPresence({
          agentId,
          presence,
          reason: presence === 'away' ? 'meeting' : null,
        });
        if (r.ok) return;
        if (Date.now() > deadline)
          throw new Error(`${agentId} ${presence}: ${r.code} ${r.message}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }),
  );
}
