import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { ActorSchema } from '../rules/actor';
import { parseDoc } from './parseDoc';

export const AuditActionSchema = z.enum(['save-draft', 'import', 'publish', 'rollback']);
export type AuditAction = z.infer<typeof AuditActionSchema>;

/** What changed, in plain language in both languages of the designer, and which rules. */
export const AuditDiffSchema = z.object({
  fr: z.array(z.string()),
  en: z.array(z.string()),
  ruleIds: z.array(z.string()),
});
export type AuditDiff = z.infer<typeof AuditDiffSchema>;

export const AuditEntrySchema = z.object({
  at: z.date(),
  actor: ActorSchema,
  action: AuditActionSchema,
  ruleSetId: z.string(),
  /** The version a publish or rollback created; null for draft changes. */
  version: z.number().int().nullable(),
  /** The version a rollback copied. */
  copiedFrom: z.number().int().nullable(),
  comment: z.string().nullable(),
  diff: AuditDiffSchema,
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** Who changed which rule set, when and how. Entries are only ever appended. */
export class AuditStore {
  readonly col: Collection<AuditEntry>;

  constructor(db: Db) {
    this.col = db.collection<AuditEntry>('ruleSetAudit');
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ ruleSetId: 1, at: -1 });
  }

  async append(entry: AuditEntry): Promise<void> {
    // A copy: the driver would otherwise add an _id to the caller's object.
    await this.col.insertOne({ ...entry });
  }

  /**
   * Newest first. Entries of the same millisecond fall back on their ObjectId, whose counter
   * orders the inserts of one process.
   */
  async forRuleSet(ruleSetId: string, limit = 100): Promise<AuditEntry[]> {
    const docs = await this.col
      .find({ ruleSetId })
      .sort({ at: -1, _id: -1 })
      .limit(limit)
      .toArray();
    return docs.map((doc) => parseDoc(AuditEntrySchema, 'ruleSetAudit', doc));
  }
}
