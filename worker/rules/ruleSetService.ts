import type { Db } from 'mongodb';
import { z } from 'zod';
import { backtest, type BacktestReport } from '../../rules/backtest/backtest';
import { checkRuleSet } from '../../rules/checks/checkRuleSet';
import type { Issue } from '../../rules/checks/issue';
import { diffRuleSets, type RuleSetDiff } from '../../rules/describe/diffRuleSets';
import { RulesError } from '../../rules/errors';
import type { Lang } from '../../rules/model/channel';
import { LocalizedTextSchema } from '../../rules/model/localized';
import type { RuleSet } from '../../rules/model/ruleSet';
import { type AuditAction, type AuditEntry, AuditStore } from '../store/audit';
import { CalendarStore } from '../store/calendars';
import { CatalogueAuditStore } from '../store/catalogue/catalogueAudit';
import { QueueStore } from '../store/catalogue/queues';
import { SkillStore } from '../store/catalogue/skills';
import { DecisionStore } from '../store/decisions';
import { isDuplicateKey } from '../store/mongo';
import { UserStore } from '../store/users';
import { type PublishedVersion, RuleSetStore, type VersionInfo } from '../store/ruleSets';
import { type Actor, requireManager } from './actor';
import { auditDiff } from './auditDiff';
import {
  ChecksFailedError,
  InvalidInputError,
  NoChangesError,
  NotFoundError,
  PublishConflictError,
} from './errors';
import { knownCalendars } from './knownCalendars';
import { knownCatalogue } from './knownCatalogue';
import { parseRuleSet, parseRuleSetJson, ruleSetToJson, sameRuleSet } from './ruleSetJson';
import { zodProblems } from './zodProblems';

export const RuleSetSummarySchema = z.object({
  id: z.string(),
  name: LocalizedTextSchema,
  /** How many rules the draft (or, without one, the latest version) has. */
  rules: z.number().int(),
  latestVersion: z.number().int().nullable(),
  publishedAt: z.date().nullable(),
  /** Who published the latest version. */
  author: z.string().nullable(),
  /** The draft holds changes that are not published (always true before a first publish). */
  draftDiffers: z.boolean(),
  draftUpdatedBy: z.string().nullable(),
  draftUpdatedAt: z.date().nullable(),
});
export type RuleSetSummary = z.infer<typeof RuleSetSummarySchema>;

/** A published version by number, or the draft. */
export const VersionRefSchema = z.union([z.number().int().min(1), z.literal('draft')]);
export type VersionRef = z.infer<typeof VersionRefSchema>;

export const BacktestRequestSchema = z.object({
  limit: z.number().int().min(1).max(100_000),
  /**
   * 'published' replays the latest published version on the same facts, so the report shows
   * what publishing the draft would change; 'stored' compares with the decisions as made.
   */
  against: z.enum(['published', 'stored']).default('published'),
  /** Examples kept per output. */
  examples: z.number().int().min(0).max(100).default(5),
});
export type BacktestRequest = z.input<typeof BacktestRequestSchema>;

export interface DraftResult {
  ruleSet: RuleSet;
  /** The static checks of the saved draft: errors block publishing, not saving. */
  issues: Issue[];
  /** False when the draft already had exactly this content: nothing was written or audited. */
  changed: boolean;
}

const CommentSchema = z.string().trim().min(1, 'say why: a comment is required').max(1000);

/**
 * Drafts, publishing, rollback, history, export/import, backtest and the audit log of rule sets:
 * what the designer and the CLI call. Every change is checked against the actor's role and
 * recorded in the audit log with its diff.
 */
export class RuleSetService {
  private readonly ruleSets: RuleSetStore;
  private readonly audit: AuditStore;
  private readonly decisions: DecisionStore;
  private readonly calendars: CalendarStore;
  private readonly queues: QueueStore;
  private readonly skills: SkillStore;
  private indexes: Promise<void> | null = null;

  constructor(db: Db) {
    this.ruleSets = new RuleSetStore(db);
    this.audit = new AuditStore(db);
    this.decisions = new DecisionStore(db);
    this.calendars = new CalendarStore(db);
    const users = new UserStore(db);
    const audit = new CatalogueAuditStore(db);
    this.queues = new QueueStore(db, audit, users);
    this.skills = new SkillStore(db, audit, users);
  }

  /** The unique version index is what keeps concurrent publishes apart; made before any write. */
  ensureIndexes(): Promise<void> {
    this.indexes ??= Promise.all([this.ruleSets.ensureIndexes(), this.audit.ensureIndexes()]).then(
      () => undefined,
      (err: unknown) => {
        this.indexes = null;
        throw err;
      },
    );
    return this.indexes;
  }

  async listRuleSets(): Promise<RuleSetSummary[]> {
    const ids = await this.ruleSets.ids();
    return Promise.all(ids.map((id) => this.summary(id)));
  }

  /** The draft; before anything was saved as one, a copy of the latest published version. */
  async getDraft(id: string): Promise<RuleSet> {
    const draft = await this.ruleSets.draft(id);
    if (draft) return draft;
    const published = await this.ruleSets.latestPublished(id);
    if (!published) throw new NotFoundError(`rule set "${id}"`);
    return { ...published, version: 0 };
  }

  /** `ruleSet` comes from a form or a request body: it is validated with RuleSetSchema. */
  async saveDraft(ruleSet: unknown, actor: Actor): Promise<DraftResult> {
    const who = requireManager(actor, 'edit rule sets');
    return this.storeDraft(parseRuleSet(ruleSet), who, 'save-draft');
  }

  async importRuleSet(json: string, actor: Actor): Promise<DraftResult> {
    const who = requireManager(actor, 'import rule sets');
    return this.storeDraft(parseRuleSetJson(json), who, 'import');
  }

  async check(id: string): Promise<Issue[]> {
    return this.checkRuleSet(await this.getDraft(id));
  }

  /** Publishes the draft as the next version, unless the static checks find errors. */
  async publish(id: string, actor: Actor, comment: string): Promise<VersionInfo> {
    const who = requireManager(actor, 'publish rule sets');
    const why = parseComment(comment);
    const draft = await this.getDraft(id);
    const issues = await this.checkRuleSet(draft);
    if (issues.some((issue) => issue.severity === 'error'))
      throw new ChecksFailedError('publish', issues);
    return this.publishAsNext(draft, who, 'publish', why, null);
  }

  /** Publishes a copy of an older version as the next one and makes it the draft again. */
  async rollback(
    id: string,
    toVersion: number,
    actor: Actor,
    comment: string,
  ): Promise<VersionInfo> {
    const who = requireManager(actor, 'roll back rule sets');
    const why = parseComment(comment);
    const target = await this.version(id, toVersion);
    const published = await this.publishAsNext(target.ruleSet, who, 'rollback', why, toVersion);
    await this.ruleSets.saveDraft(target.ruleSet, who.id);
    return published;
  }

  /** Published versions, newest first, without their rules. */
  async history(id: string): Promise<VersionInfo[]> {
    const versions = await this.ruleSets.history(id);
    // A draft never published has an empty history; an unknown id is an error.
    if (versions.length === 0) await this.getDraft(id);
    return versions;
  }

  async version(id: string, version: number): Promise<PublishedVersion> {
    const found = await this.ruleSets.version(id, parseVersion(version));
    if (!found) throw new NotFoundError(`version ${version} of rule set "${id}"`);
    return found;
  }

  /** What changed from `a` to `b`, rule by rule, in plain language. */
  async diff(id: string, a: VersionRef, b: VersionRef, lang: Lang = 'fr'): Promise<RuleSetDiff> {
    const [before, after] = await Promise.all([this.resolve(id, a), this.resolve(id, b)]);
    return diffRuleSets(before, after, lang);
  }

  /** Git-reviewable JSON of a version; the latest published one when none is named. */
  async exportRuleSet(id: string, version?: VersionRef): Promise<string> {
    if (version !== undefined) return ruleSetToJson(await this.resolve(id, version));
    const latest = await this.ruleSets.latestPublished(id);
    if (!latest) throw new NotFoundError(`a published version of rule set "${id}"`);
    return ruleSetToJson(latest);
  }

  /** The draft replayed on the last `limit` decided cases, each on its latest decision's facts. */
  async backtest(id: string, request: BacktestRequest): Promise<BacktestReport> {
    const parsed = BacktestRequestSchema.safeParse(request);
    if (!parsed.success)
      throw new InvalidInputError('invalid backtest request', zodProblems(parsed.error));
    const { limit, against, examples } = parsed.data;
    const [draft, baseline, contacts, calendars] = await Promise.all([
      this.getDraft(id),
      against === 'published' ? this.ruleSets.latestPublished(id) : null,
      this.decisions.recentForBacktest(limit),
      knownCalendars(this.calendars),
    ]);
    try {
      return await backtest(draft, baseline, contacts, { calendars, examples });
    } catch (err) {
      // Only a draft without a usable default rule cannot decide at all.
      if (err instanceof RulesError) throw new ChecksFailedError('backtest', await this.check(id));
      throw err;
    }
  }

  /** Newest first. */
  async auditLog(id: string, limit?: number): Promise<AuditEntry[]> {
    return this.audit.forRuleSet(id, limit);
  }

  private async summary(id: string): Promise<RuleSetSummary> {
    const [latest, draft] = await Promise.all([
      this.ruleSets.latestVersion(id),
      this.ruleSets.draftDoc(id),
    ]);
    const current = draft?.ruleSet ?? latest?.ruleSet;
    if (!current) throw new NotFoundError(`rule set "${id}"`);
    return {
      id,
      name: current.name,
      rules: current.rules.length,
      latestVersion: latest?.version ?? null,
      publishedAt: latest?.publishedAt ?? null,
      author: latest?.author ?? null,
      draftDiffers: !latest || (draft !== null && !sameRuleSet(draft.ruleSet, latest.ruleSet)),
      draftUpdatedBy: draft?.updatedBy ?? null,
      draftUpdatedAt: draft?.updatedAt ?? null,
    };
  }

  private async storeDraft(
    ruleSet: RuleSet,
    actor: Actor,
    action: AuditAction,
  ): Promise<DraftResult> {
    await this.ensureIndexes();
    const draft = { ...ruleSet, version: 0 };
    const previous = await this.getDraft(draft.id).catch((err: unknown) => {
      if (err instanceof NotFoundError) return null;
      throw err;
    });
    const changed = !previous || !sameRuleSet(previous, draft);
    if (changed) {
      await this.ruleSets.saveDraft(draft, actor.id);
      await this.record(actor, action, draft.id, auditDiff(previous, draft), null);
    }
    // An import may come from an installation whose catalogue this one does not have yet.
    const unknownNames = action === 'import' ? 'warning' : 'error';
    return { ruleSet: draft, issues: await this.checkRuleSet(draft, unknownNames), changed };
  }

  /**
   * Takes the number after the latest version. Two managers publishing at once both read the
   * same latest; the unique index lets one insert win and the other gets a conflict, which is
   * not retried because its diff and checks were made against a version that is no longer last.
   */
  private async publishAsNext(
    ruleSet: RuleSet,
    actor: Actor,
    action: 'publish' | 'rollback',
    comment: string,
    copiedFrom: number | null,
  ): Promise<VersionInfo> {
    await this.ensureIndexes();
    const latest = await this.ruleSets.latestVersion(ruleSet.id);
    if (latest && sameRuleSet(latest.ruleSet, ruleSet))
      throw new NoChangesError(ruleSet.id, latest.version);
    const version = (latest?.version ?? 0) + 1;
    const meta = { author: actor.id, comment, copiedFrom: copiedFrom ?? undefined };
    const { ruleSet: _rules, ...published } = await this.ruleSets
      .insertVersion(ruleSet, version, meta)
      .catch((err: unknown) => {
        throw isDuplicateKey(err) ? new PublishConflictError(ruleSet.id, version) : err;
      });
    await this.record(actor, action, ruleSet.id, auditDiff(latest?.ruleSet ?? null, ruleSet), {
      version,
      copiedFrom,
      comment,
    });
    return published;
  }

  private record(
    actor: Actor,
    action: AuditAction,
    ruleSetId: string,
    diff: AuditEntry['diff'],
    published: { version: number; copiedFrom: number | null; comment: string } | null,
  ): Promise<void> {
    return this.audit.append({
      at: new Date(),
      actor,
      action,
      ruleSetId,
      version: published?.version ?? null,
      copiedFrom: published?.copiedFrom ?? null,
      comment: published?.comment ?? null,
      diff,
    });
  }

  private async resolve(id: string, ref: VersionRef): Promise<RuleSet> {
    const parsed = VersionRefSchema.safeParse(ref);
    if (!parsed.success)
      throw new InvalidInputError('invalid version', zodProblems(parsed.error, 'version'));
    return parsed.data === 'draft'
      ? this.getDraft(id)
      : (await this.version(id, parsed.data)).ruleSet;
  }

  /** `unknownNames`: how grave a queue or skill missing from the catalogue is. */
  private async checkRuleSet(
    ruleSet: RuleSet,
    unknownNames: Issue['severity'] = 'error',
  ): Promise<Issue[]> {
    const [calendars, catalogue] = await Promise.all([
      knownCalendars(this.calendars),
      knownCatalogue(this.queues, this.skills, unknownNames),
    ]);
    return checkRuleSet(ruleSet, calendars, catalogue);
  }
}

function parseComment(comment: unknown): string {
  const parsed = CommentSchema.safeParse(comment);
  if (!parsed.success)
    throw new InvalidInputError('invalid comment', zodProblems(parsed.error, 'comment'));
  return parsed.data;
}

function parseVersion(version: unknown): number {
  const parsed = z.number().int().min(1).safeParse(version);
  if (!parsed.success)
    throw new InvalidInputError('invalid version', zodProblems(parsed.error, 'version'));
  return parsed.data;
}
