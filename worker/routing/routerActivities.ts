import type { RouterActivities, RoutingEvent } from '../../workflows/contracts/routing';
import type { TimelineEvent } from '../../workflows/contracts/timeline';
import type { Stores } from '../store/stores';
import { loadRoutingCatalogue } from './loadRoutingCatalogue';

type RouterStores = Pick<Stores, 'routingEvents' | 'timeline' | 'queues' | 'users'>;

/** The part of a routing event a case's timeline shows; null for the others. */
function timelineEntry(e: RoutingEvent): Pick<TimelineEvent, 'type' | 'data'> | null {
  if (e.kind === 'offer-created')
    return {
      type: 'offered',
      data: { agentId: e.offer.agentId, offerId: e.offer.offerId, expiresAt: e.offer.expiresAt },
    };
  // 'assigned' is written by the case itself when it takes the assignment.
  if (e.kind === 'item-relaxed') return { type: 'routing-relaxed', data: { step: e.step } };
  return null;
}

/** The router's I/O on the worker side. */
export function createRouterActivities({ stores }: { stores: RouterStores }): RouterActivities {
  const customerOf = async (caseId: string): Promise<string | null> => {
    const opened = await stores.timeline.col.findOne({ caseId }, { projection: { customerId: 1 } });
    return opened?.customerId ?? null;
  };

  return {
    loadRoutingCatalogue: () => loadRoutingCatalogue(stores),

    async publishRoutingEvents(events) {
      await stores.routingEvents.publish(events);
      // Keyed by seq, so a retried batch writes each entry once, and in any order (the timeline
      // sorts by time): all at once, and batches stored side by side do not clash.
      await Promise.all(
        events.map(async (e) => {
          const entry = timelineEntry(e);
          if (!entry || !('caseId' in e)) return;
          const customerId = await customerOf(e.caseId);
          if (customerId === null) return;
          await stores.timeline.append({
            key: `routing-${e.seq}`,
            customerId,
            caseId: e.caseId,
            at: e.at,
            ...entry,
          });
        }),
      );
    },

    lastRoutingEventSeq: () => stores.routingEvents.lastSeq(),
  };
}
