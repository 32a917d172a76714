import type { Db } from 'mongodb';
import { defaultQueueRouting } from '../../workflows/contracts/routing';
import type { Actor } from '../../worker/rules/actor';
import type { QueueDoc } from '../../worker/store/catalogue/queues';
import { createStores } from '../../worker/store/stores';

export const testManager: Actor = { id: 'manager', role: 'manager' };

/** A queue with the default routing settings, labelled by its id. */
export function queueDoc(id: string, change: Partial<QueueDoc> = {}): QueueDoc {
  const { queueId: _id, ...routing } = defaultQueueRouting(id);
  return {
    _id: id,
    labels: { fr: `File ${id}`, en: `Queue ${id}` },
    description: '',
    calendarId: null,
    ...routing,
    ...change,
  };
}

/** Puts queues in the routing catalogue, so rule sets routing to them pass the publish checks. */
export async function addQueues(db: Db, ...ids: string[]): Promise<void> {
  const { queues } = createStores(db);
  for (const id of ids) await queues.save(queueDoc(id), testManager);
}
