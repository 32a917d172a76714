import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { ActorSchema, type Actor } from '../../rules/actor';
import { AuditDiffSchema } from '../audit';
import { parseDoc } from '../parseDoc';

export const CatalogueKindSchema = z.enum([
  'queue',
  'skill',
  'team',
  'user',
  'category',
  'chat-site',
]);
export type CatalogueKind = z.infer<typeof CatalogueKindSchema>;

export const CatalogueActionSchema = z.enum([
  'create',
  'update',
  'remove',
  'enable',
  'disable',
  'reset-password',
  'regenerate-secret',
]);
export type CatalogueAction = z.infer<typeof CatalogueActionSchema>;

/** The rule-set audit's plain-language diff, without its rule ids. */
export const CatalogueDiffSchema = AuditDiffSchema.omit({ ruleIds: true });
export type CatalogueDiff = z.infer<typeof CatalogueDiffSchema>;

export const CatalogueAuditEntrySchema = z.object({
  at: z.date(),
  actor: ActorSchema,
  kind: CatalogueKindSchema,
  /** The queue, skill, team or user changed. */
  targetId: z.string(),
  action: CatalogueActionSchema,
  diff: CatalogueDiffSchema,
});
export type CatalogueAuditEntry = z.infer<typeof CatalogueAuditEntrySchema>;

const collection = 'catalogueAudit';

/** Who changed which queue, skill, team or user, when and how. Entries are only ever appended. */
export class CatalogueAuditStore {
  readonly col: Collection<CatalogueAuditEntry>;

  constructor(db: Db) {
    this.col = db.collection<CatalogueAuditEntry>(collection);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ kind: 1, at: -1 });
  }

  async append(
    actor: Actor,
    kind: CatalogueKind,
    targetId: string,
    action: CatalogueAction,
    diff: CatalogueDiff,
  ): Promise<void> {
    const entry = { at: new Date(), actor, kind, targetId, action, diff };
    await this.col.insertOne(CatalogueAuditEntrySchema.parse(entry));
  }

  /** Newest first; of one kind, and of one target when named. */
  async recent(
    filter: { kind?: CatalogueKind; targetId?: string } = {},
    limit = 50,
  ): Promise<CatalogueAuditEntry[]> {
    const docs = await this.col
      .find(filter, { projection: { _id: 0 } })
      .sort({ at: -1, _id: -1 })
      .limit(limit)
      .toArray();
    return docs.map((doc) => parseDoc(CatalogueAuditEntrySchema, collection, doc));
  }
}
