import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { type RuleSet, RuleSetSchema } from '../../rules/model/ruleSet';

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
export type PublishedVersion = Omit<VersionDoc, '_id'>;
/** A published version without its rules: what a history lists. */
export type VersionInfo = Omit<PublishedVersion, 'ruleSet'>;

export const DraftDocSchema = z.object({
  _id: z.string(),
  ruleSet: RuleSetSchema,
  updatedBy: z.string(),
  updatedAt: z.date(),
});
type DraftDoc = z.infer<typeof DraftDocSchema>;
export type Draft = Omit<DraftDoc, '_id'>;

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
    return this.versions.findOne({ ruleSetId }, { sort: { version: -1 }, projection: { _id: 0 } });
  }

  async version(ruleSetId: string, version: number): Promise<PublishedVersion | null> {
    return this.versions.findOne({ ruleSetId, version }, { projection: { _id: 0 } });
  }

  /** Newest first, without the rules themselves. */
  async history(ruleSetId: string): Promise<VersionInfo[]> {
    return this.versions
      .find<VersionInfo>({ ruleSetId }, { projection: { _id: 0, ruleSet: 0 } })
      .sort({ version: -1 })
      .toArray();
  }

  async draft(ruleSetId: string): Promise<RuleSet | null> {
    return (await this.draftDoc(ruleSetId))?.ruleSet ?? null;
  }

  async draftDoc(ruleSetId: string): Promise<Draft | null> {
    return this.drafts.findOne({ _id: ruleSetId }, { projection: { _id: 0 } });
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
      _id: `${ruleSet.id}@${version}`,
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
