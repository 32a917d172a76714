import type { RoutingEvent } from '../../../../../workflows/contracts/routing';

/**
 * The agent an event is about, if any: their offers, assignments, wrap-ups, releases and presence.
 */
export function agentOf(event: RoutingEvent): string | null {
  switch (event.kind) {
    case 'offer-created':
      return event.offer.agentId;
    case 'offer-ended':
    case 'assigned':
    case 'released':
    case 'wrap-up':
    case 'presence':
      return event.agentId;
    default:
      return null;
  }
}

/**
 * Supervisors and managers watch everything; an agent sees only the events about them (a queue's
 * waiting items are the supervisors' business, and another agent's offer is theirs alone).
 */
export function audienceFilter(user: {
  id: string;
  role: string;
}): (event: RoutingEvent) => boolean {
  if (user.role !== 'agent') return () => true;
  return (event) => agentOf(event) === user.id;
}
