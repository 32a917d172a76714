import type { RoutingCatalogue } from '../../workflows/contracts/routing';
import { toQueueRouting } from '../store/catalogue/queues';
import type { Stores } from '../store/stores';
import type { User } from '../store/users';

/**
 * Who routes work to: enabled agents, and enabled supervisors or managers who serve a queue
 * (a supervisor who also takes contacts). Users without queues would never be offered anything.
 */
const takesWork = (user: User): boolean =>
  user.enabled && (user.role === 'agent' || user.routing.queues.length > 0);

/** The catalogue as the router reads it: every queue's settings and every routable agent. */
export async function loadRoutingCatalogue(
  stores: Pick<Stores, 'queues' | 'users'>,
): Promise<RoutingCatalogue> {
  const [queues, users] = await Promise.all([stores.queues.list(), stores.users.list()]);
  return {
    queues: queues.map(toQueueRouting),
    agents: users.filter(takesWork).map((user) => ({
      agentId: user._id,
      name: user.name,
      ...user.routing,
    })),
  };
}
