import { isWithinBusinessHours } from '../../rules/calendar/businessHours';
import type { Calendar } from '../../rules/model/calendar';
import type { AgentState, Capacity } from '../../workflows/contracts/routing';

/** What an agent's user document says of the work they take. */
export interface ChatAgent {
  id: string;
  enabled: boolean;
  queues: readonly string[];
  capacity: Capacity;
}

/**
 * The chat is online when the site's queue is open now and at least one enabled agent who serves
 * it and takes chats is Available in the router; else the widget offers a message or a callback.
 * A busy agent still counts: the visitor then waits in the queue, with their place shown.
 */
export function chatOnline(input: {
  queueId: string;
  calendar: Calendar;
  now: Date;
  agents: readonly ChatAgent[];
  /** The router's agents; null while no router runs, so nobody is Available. */
  presence: readonly Pick<AgentState, 'agentId' | 'presence'>[] | null;
}): boolean {
  if (!isWithinBusinessHours(input.calendar, input.now)) return false;
  const available = new Set(
    (input.presence ?? []).filter((a) => a.presence === 'available').map((a) => a.agentId),
  );
  return input.agents.some(
    (a) =>
      a.enabled && a.capacity.chat > 0 && a.queues.includes(input.queueId) && available.has(a.id),
  );
}
