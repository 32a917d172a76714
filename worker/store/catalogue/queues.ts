import type { Db } from 'mongodb';
import { z } from 'zod';
import { queuesNamedBy } from '../../../rules/checks/checkCatalogue';
import { type QueueRouting, QueueRoutingSchema } from '../../../workflows/contracts/routing';
import { type Actor, requireManager } from '../../rules/actor';
import { RuleSetStore } from '../ruleSets';
import type { UserStore } from '../users';
import type { CatalogueAuditStore } from './catalogueAudit';
import { CatalogueCollection } from './catalogueCollection';
import { CatalogueIdSchema, LabelsSchema } from './catalogueFields';
import { findUsers, type RemoveResult, unused, type UsedBy } from './usage';

/** A queue rules route cases to, with how the router offers its work (the contract's settings). */
export const QueueDocSchema = QueueRoutingSchema.omit({ queueId: true }).extend({
  _id: CatalogueIdSchema,
  labels: LabelsSchema,
  description: z.string().trim().max(1000),
  /** Business hours of the queue; null: the default calendar. */
  calendarId: z.string().min(1).nullable(),
});
export type QueueDoc = z.infer<typeof QueueDocSchema>;

/** The settings the router reads, under the contract's name for the id. */
export function toQueueRouting(queue: QueueDoc): QueueRouting {
  const { _id, labels: _l, description: _d, calendarId: _c, ...routing } = queue;
  return { queueId: _id, ...routing };
}

export class QueueStore extends CatalogueCollection<QueueDoc> {
  private readonly ruleSets: RuleSetStore;

  constructor(
    db: Db,
    audit: CatalogueAuditStore,
    private readonly users: UserStore,
  ) {
    super(db, 'queues', 'queue', QueueDocSchema, audit);
    this.ruleSets = new RuleSetStore(db);
  }

  /** The rules routing or escalating to the queue, and the agents serving it. */
  usedBy(id: string): Promise<UsedBy> {
    return findUsers(
      this.ruleSets,
      this.users,
      queuesNamedBy,
      (u) => u.routing.queues.includes(id),
      id,
    );
  }

  /** Refused while a rule or an agent names the queue; the refusal says which. */
  async remove(id: string, actor: Actor): Promise<RemoveResult> {
    requireManager(actor, 'remove queues');
    const usedBy = await this.usedBy(id);
    if (!unused(usedBy)) return { ok: false, usedBy };
    await this.delete(id, actor);
    return { ok: true };
  }
}
