import type { Collection, Db } from 'mongodb';
import type { RuleSet } from '../../rules/model/ruleSet';

interface VersionDoc {
  _id: string;
  ruleSetId: string;
  version: number;
  ruleSet: RuleSet;
  author: string;
  comment: string;
  publishedAt: Date;
  /** Set when this version is a rollback: the version it copies. */
  copiedFrom: number | null;
}

interface DraftDoc {
  _id: string;
  ruleSet: RuleSet;
  updatedBy: string;
  updatedAt: Date;
}

export type PublishedVersion = Omit<VersionDoc, '_id'>;

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

  async latestPublished(ruleSetId: string): Promise<RuleSet | null> {
    const doc = await this.versions.findOne({ ruleSetId }, { sort: { version: -1 } });
    return doc?.ruleSet ?? null;
  }

  async version(ruleSetId: string, version: number): Promise<PublishedVersion | null> {
    return this.versions.findOne({ ruleSetId, version }, { projection: { _id: 0 } });
  }

  async history(ruleSetId: string): Promise<PublishedVersion[]> {
    return this.versions
      .find({ ruleSetId }, { projection: { _id: 0 } })
      .sort({ version: -1 })
      .toArray();
  }

  async draft(ruleSetId: string): Promise<RuleSet | null> {
    return (await this.drafts.findOne({ _id: ruleSetId }))?.ruleSet ?? null;
  }

  async saveDraft(ruleSet: RuleSet, by: string): Promise<void> {
    await this.drafts.replaceOne(
      { _id: ruleSet.id },
      { ruleSet: { ...ruleSet, version: 0 }, updatedBy: by, updatedAt: new Date() },
      { upsert: true },
    );
  }

  /**
   * Stores `ruleSet` as the next version. The unique (ruleSetId, version) index turns two
   * concurrent publishes into one success and one clear failure, never two equal numbers.
   */
  async publish(
    ruleSet: RuleSet,
    meta: { author: string; comment: string; copiedFrom?: number },
  ): Promise<number> {
    const latest = await this.versions.findOne(
      { ruleSetId: ruleSet.id },
      { sort: { version: -1 }, projection: { version: 1 } },
    );
    const version = (latest?.version ?? 0) + 1;
    await this.versions.insertOne({
      _id: `${ruleSet.id}@${version}`,
      ruleSetId: ruleSet.id,
      version,
      ruleSet: { ...ruleSet, version },
      author: meta.author,
      comment: meta.comment,
      publishedAt: new Date(),
      copiedFrom: meta.copiedFrom ?? null,
    });
    return version;
  }
}
