import type { Collection, Db, Filter } from 'mongodb';
import { z } from 'zod';

export const AccessActionSchema = z.enum(['view-customer', 'view-case', 'export', 'erasure']);
export type AccessAction = z.infer<typeof AccessActionSchema>;

/** Who looked at or took a customer's personal data, when, and what (issue 13 §6). */
export const AccessAuditEntrySchema = z.object({
  at: z.date(),
  /** The user's id, or "cli:<system user>" for the command line. */
  actor: z.string().min(1),
  /** Their name at the time, so that the log reads after the user is gone. */
  actorName: z.string(),
  action: AccessActionSchema,
  customerId: z.string().nullable(),
  caseId: z.string().nullable(),
});
export type AccessAuditEntry = z.infer<typeof AccessAuditEntrySchema>;

export interface AccessFilter {
  customerId?: string;
  actor?: string;
}

/** The access log. Entries are only ever appended; they hold ids, never personal data. */
export class AccessAuditStore {
  readonly col: Collection<AccessAuditEntry>;

  constructor(db: Db) {
    this.col = db.collection<AccessAuditEntry>('accessAudit');
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ customerId: 1, at: -1 });
    await this.col.createIndex({ actor: 1, at: -1 });
    await this.col.createIndex({ at: -1 });
  }

  async append(entry: Omit<AccessAuditEntry, 'at'>): Promise<void> {
    await this.col.insertOne(AccessAuditEntrySchema.parse({ ...entry, at: new Date() }));
  }

  /**
   * A page view: pages re-read themselves when a case changes, so the same user's view of the
   * same page within `withinMs` is one view.
   */
  async recordView(
    user: { id: string; name: string },
    action: Extract<AccessAction, 'view-customer' | 'view-case'>,
    customerId: string | null,
    caseId: string | null,
    withinMs = 60_000,
  ): Promise<void> {
    const since = new Date(Date.now() - withinMs);
    const seen = await this.col.findOne({
      actor: user.id,
      action,
      customerId,
      caseId,
      at: { $gte: since },
    });
    if (!seen)
      await this.append({ actor: user.id, actorName: user.name, action, customerId, caseId });
  }

  /** Newest first, filtered by customer and/or user. */
  async find(filter: AccessFilter, limit = 200): Promise<AccessAuditEntry[]> {
    const query: Filter<AccessAuditEntry> = {};
    if (filter.customerId) query.customerId = filter.customerId;
    if (filter.actor) query.actor = filter.actor;
    const docs = await this.col
      .find(query, { projection: { _id: 0 } })
      .sort({ at: -1, _id: -1 })
      .limit(limit)
      .toArray();
    return docs.flatMap((d) => AccessAuditEntrySchema.safeParse(d).data ?? []);
  }
}
