import type { RuleSet } from '../../rules/model/ruleSet';
import type { RuleSetStore } from '../store/ruleSets';

/** How long the latest published version is trusted before MongoDB is asked again. */
const refreshMs = 2_000;
/** Pinned versions kept in memory; running cases use a handful of recent ones. */
const pinnedCacheSize = 32;

/**
 * The published rule sets decisions use: the latest for a case's first decision, re-read at most
 * every couple of seconds so a publish takes effect quickly without a MongoDB round trip per
 * case; and any given version for the cases pinned to it, read once since it never changes.
 */
export class RuleProvider {
  private cached: { ruleSet: RuleSet; at: number } | null = null;
  private readonly pinned = new Map<number, RuleSet>();

  constructor(
    private readonly store: RuleSetStore,
    private readonly ruleSetId: string,
  ) {}

  private async latestPublished(): Promise<RuleSet> {
    if (this.cached && Date.now() - this.cached.at < refreshMs) return this.cached.ruleSet;
    const ruleSet = await this.store.latestPublished(this.ruleSetId);
    if (!ruleSet) throw new Error(`no published version of rule set ${this.ruleSetId}`);
    this.cached = { ruleSet, at: Date.now() };
    return ruleSet;
  }

  /** The published `version`, or the latest when none is given (a case's first decision). */
  async published(version: number | null | undefined): Promise<RuleSet> {
    if (!version) return this.latestPublished();
    const known = this.pinned.get(version);
    if (known) return known;
    const found = await this.store.version(this.ruleSetId, version);
    if (!found) throw new Error(`no published version ${version} of rule set ${this.ruleSetId}`);
    if (this.pinned.size >= pinnedCacheSize)
      this.pinned.delete(this.pinned.keys().next().value as number);
    this.pinned.set(version, found.ruleSet);
    return found.ruleSet;
  }
}
