import type { Collection, Db } from 'mongodb';
import { z } from 'zod';

export const SecurityAuditEntrySchema = z.object({
  at: z.date(),
  /** The user who acted, or "relais" for the first start's demo token. */
  actor: z.string(),
  action: z.enum(['api-token-created', 'api-token-revoked']),
  tokenId: z.string(),
  tokenName: z.string(),
});
export type SecurityAuditEntry = z.infer<typeof SecurityAuditEntrySchema>;

/** Who gave or took away access to the API, and when. Entries are only ever appended. */
export class SecurityAuditStore {
  private readonly col: Collection<SecurityAuditEntry>;

  constructor(db: Db) {
    this.col = db.collection<SecurityAuditEntry>('securityAudit');
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ at: -1 });
  }

  async append(entry: Omit<SecurityAuditEntry, 'at'>): Promise<void> {
    await this.col.insertOne(SecurityAuditEntrySchema.parse({ ...entry, at: new Date() }));
  }

  /** Newest first. */
  async recent(limit = 50): Promise<SecurityAuditEntry[]> {
    const docs = await this.col
      .find({}, { projection: { _id: 0 } })
      .sort({ at: -1, _id: -1 })
      .limit(limit)
      .toArray();
    return docs.flatMap((d) => SecurityAuditEntrySchema.safeParse(d).data ?? []);
  }
}
