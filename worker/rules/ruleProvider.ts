import type { RuleSet } from '../../rules/model/ruleSet';
import type { RuleSetStore } from '../store/ruleSets';

/** How long the latest published version is trusted before MongoDB is asked again. */
const refreshMs = 2_000;

/**
 * The published rule set for decisions. The version is re-read at most every couple of seconds
 * so a publish takes effect quickly without a MongoDB round trip per case.
 */
export class RuleProvider {
  private cached: { ruleSet: RuleSet; at: number } | null = null;

  constructor(
    private readonly store: RuleSetStore,
    private readonly ruleSetId: string,
  ) {}

  async latestPublished(): Promise<RuleSet> {
    if (this.cached && Date.now() - this.cached.at < refreshMs) return this.cached.ruleSet;
    const ruleSet = await this.store.latestPublished(this.ruleSetId);
    if (!ruleSet) throw new Error(`no published version of rule set ${this.ruleSetId}`);
    this.cached = { ruleSet, at: Date.now() };
    return ruleSet;
  }
}
