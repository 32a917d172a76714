import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { type RuleSet, RuleSetSchema } from '../../rules/model/ruleSet';
import { parseDoc, parseDocOrNull } from './parseDoc';

export const VersionDocSchema = z.object({
  _id: z.string(),
  ruleSetId: z.string(),
  version: z.number().int().min(1),
  ruleSet: RuleSetSchema,
  author: z.string(),
  comment: z.string(),
  publishedAt: z.date(),
  /** Set when this version is a rollback: the version it copies. */
  copiedFrom: z.number().int().nullable(),
});
type VersionDoc = z.infer<typeof VersionDocSchema>;
const PublishedVersionSchema = VersionDocSchema.omit({ _id: true });
export type PublishedVersion = z.infer<typeof PublishedVersionSchema>;
/** A published version without its rules: what a history lists. */
const VersionInfoSchema = PublishedVersionSchema.omit({ ruleSet: true });
export type VersionInfo = z.infer<typeof VersionInfoSchema>;

export const DraftDocSchema = z.object({
  _id: z.string(),
  ruleSet: RuleSetSchema,
  updatedBy: z.string(),
  updatedAt: z.date(),
});
type DraftDoc = z.infer<typeof DraftDocSchema>;
const DraftSchema = DraftDocSchema.omit({ _id: true });
export type Draft = z.infer<typeof DraftSchema>;

const versionId = (ruleSetId: string, version: number) => `${ruleSetId}@${version}`;

export interface PublishMeta {
  author: string;
  comment: string;
  copiedFrom?: number;
}

/** Rule sets: one editable draft per id and immutable, numbered published versions. */
export class RuleSetStore {
  readonly versions: Collection<VersionDoc>;
  readonly drafts: Collection<DraftDoc>;

  constructor(db: Db) {
    this.versions = db.collection<VersionDoc>('ruleSetVersions');
    this.drafts = db.collection<DraftDoc>('ruleSetDrafts');
  }

  async ensureIndexes(): Promise<void> {
    await this.versions.createIndex({ ruleSetId: 1, version: -1 }, { unique: true });
  }

  /** Every rule set id that has a draft or a published version, sorted. */
  async ids(): Promise<string[]> {
    const [published, drafted] = await Promise.all([
      this.versions.distinct('ruleSetId'),
      this.drafts.distinct('_id'),
    ]);
    return [...new Set([...published, ...drafted])].sort();
  }

  async latestPublished(ruleSetId: string): Promise<RuleSet | null> {
    return (await this.latestVersion(ruleSetId))?.ruleSet ?? null;
  }

  async latestVersion(ruleSetId: string): Promise<PublishedVersion | null> {
    const doc = await this.versions.findOne({ ruleSetId }, { sort: { version: -1 } });
    return parseDocOrNull(PublishedVersionSchema, 'ruleSetVersions', doc);
  }

  async version(ruleSetId: string, version: number): Promise<PublishedVersion | null> {
    // By _id: the only filter FerretDB's SQLite backend pushes down.
    const doc = await this.versions.findOne({ _id: versionId(ruleSetId, version) });
    return parseDocOrNull(PublishedVersionSchema, 'ruleSetVersions', doc);
  }

  /** Newest first, without the rules themselves. */
  async history(ruleSetId: string): Promise<VersionInfo[]> {
    const docs = await this.versions
      .find({ ruleSetId }, { projection: { ruleSet: 0 } })
      .sort({ version: -1 })
      .toArray();
    return docs.map((doc) => parseDoc(VersionInfoSchema, 'ruleSetVersions', doc));
  }

  async draft(ruleSetId: string): Promise<RuleSet | null> {
    return (await this.draftDoc(ruleSetId))?.ruleSet ?? null;
  }

  async draftDoc(ruleSetId: string): Promise<Draft | null> {
    const doc = await this.drafts.findOne({ _id: ruleSetId });
    return parseDocOrNull(DraftSchema, 'ruleSetDrafts', doc);
  }

  async saveDraft(ruleSet: RuleSet, by: string): Promise<void> {
    await this.drafts.replaceOne(
      { _id: ruleSet.id },
      { ruleSet: { ...ruleSet, version: 0 }, updatedBy: by, updatedAt: new Date() },
      { upsert: true },
    );
  }

  /** Stores `ruleSet` as the version after the latest one. */
  async publish(ruleSet: RuleSet, meta: PublishMeta): Promise<number> {
    const latest = await this.versions.findOne(
      { ruleSetId: ruleSet.id },
      { sort: { version: -1 }, projection: { version: 1 } },
    );
    const version = (latest?.version ?? 0) + 1;
    await this.insertVersion(ruleSet, version, meta);
    return version;
  }

  /**
   * Stores `ruleSet` as exactly `version`. The unique (ruleSetId, version) index makes a second
   * writer of the same number fail with a duplicate key error, never two equal numbers.
   */
  async insertVersion(
    ruleSet: RuleSet,
    version: number,
    meta: PublishMeta,
  ): Promise<PublishedVersion> {
    const doc: VersionDoc = {
      _id: versionId(ruleSet.id, version),
      ruleSetId: ruleSet.id,
      version,
      ruleSet: { ...ruleSet, version },
      author: meta.author,
      comment: meta.comment,
      publishedAt: new Date(),
      copiedFrom: meta.copiedFrom ?? null,
    };
    await this.versions.insertOne(doc);
    const { _id: _unused, ...published } = doc;
    return published;
  }
}
