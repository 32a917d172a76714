import { checkRuleSet } from '$rules/checks/checkRuleSet';
import type { Issue } from '$rules/checks/issue';
import { backtest as runBacktest, type BacktestReport } from '$rules/backtest/backtest';
import { diffRuleSets, type RuleSetDiff } from '$rules/describe/diffRuleSets';
import type { Lang } from '$rules/model/channel';
import { RuleSetSchema, type RuleSet } from '$rules/model/ruleSet';
import { defaultCalendar } from '$rules/calendar/defaultCalendar';
import type { Calendar } from '$rules/model/calendar';
import type { Role } from '$worker/store/users';
import type { Relais } from './relais';

/**
 * The designer's door to rule-set storage. Every page goes through these functions, so that the
 * storage service of the worker can replace their insides without touching a route.
 */

export interface Actor {
  id: string;
  role: Role;
}

export interface RuleSetSummary {
  id: string;
  name: RuleSet['name'];
  rules: number;
  latestVersion: number | null;
  publishedAt: Date | null;
  publishedBy: string | null;
  draftUpdatedAt: Date | null;
  draftUpdatedBy: string | null;
  /** The draft differs from the latest published version. */
  draftChanged: boolean;
}

export interface VersionInfo {
  version: number;
  author: string;
  comment: string;
  publishedAt: Date;
  copiedFrom: number | null;
}

export interface AuditLine {
  at: Date;
  actor: string;
  action: string;
  version: number | null;
  comment: string | null;
  summary: string[];
}

/** Publishing refused because the static checks found errors. */
export class ChecksFailed extends Error {
  constructor(readonly issues: Issue[]) {
    super('the static checks found errors');
  }
}

export class Forbidden extends Error {}

const sameRules = (a: RuleSet, b: RuleSet) =>
  JSON.stringify({ ...a, version: 0 }) === JSON.stringify({ ...b, version: 0 });

export async function knownCalendars(relais: Relais): Promise<Calendar[]> {
  const stored: Calendar[] = await relais.stores.calendars.col
    .find({}, { projection: { _id: 0 } })
    .toArray();
  return stored.some((c) => c.id === defaultCalendar.id) ? stored : [...stored, defaultCalendar];
}

export async function listRuleSets(relais: Relais): Promise<RuleSetSummary[]> {
  const { ruleSets } = relais.stores;
  const ids = [
    ...new Set([
      ...(await ruleSets.versions.distinct('ruleSetId')),
      ...(await ruleSets.drafts.distinct('_id')),
    ]),
  ].sort();
  return Promise.all(
    ids.map(async (id): Promise<RuleSetSummary> => {
      const [latest, draft] = await Promise.all([
        ruleSets.versions.findOne({ ruleSetId: id }, { sort: { version: -1 } }),
        ruleSets.drafts.findOne({ _id: id }),
      ]);
      const ruleSet = draft?.ruleSet ?? latest?.ruleSet;
      return {
        id,
        name: ruleSet?.name ?? { fr: id, en: id },
        rules: ruleSet?.rules.length ?? 0,
        latestVersion: latest?.version ?? null,
        publishedAt: latest?.publishedAt ?? null,
        publishedBy: latest?.author ?? null,
        draftUpdatedAt: draft?.updatedAt ?? null,
        draftUpdatedBy: draft?.updatedBy ?? null,
        draftChanged: !!draft && (!latest || !sameRules(draft.ruleSet, latest.ruleSet)),
      };
    }),
  );
}

/** The draft, or a copy of the latest published version when nobody has edited it yet. */
export async function getDraft(
  relais: Relais,
  id: string,
): Promise<{ ruleSet: RuleSet; updatedAt: Date | null; updatedBy: string | null } | null> {
  const { ruleSets } = relais.stores;
  const draft = await ruleSets.drafts.findOne({ _id: id });
  if (draft)
    return { ruleSet: draft.ruleSet, updatedAt: draft.updatedAt, updatedBy: draft.updatedBy };
  const latest = await ruleSets.latestPublished(id);
  return latest ? { ruleSet: { ...latest, version: 0 }, updatedAt: null, updatedBy: null } : null;
}

export async function saveDraft(relais: Relais, ruleSet: RuleSet, actor: Actor): Promise<void> {
  if (actor.role === 'agent') throw new Forbidden('agents do not edit rules');
  const parsed = RuleSetSchema.parse(ruleSet);
  await relais.stores.ruleSets.saveDraft(parsed, actor.id);
}

export async function check(relais: Relais, ruleSet: RuleSet): Promise<Issue[]> {
  return checkRuleSet(ruleSet, await knownCalendars(relais));
}

export async function latestVersion(relais: Relais, id: string): Promise<VersionInfo | null> {
  return (await history(relais, id))[0] ?? null;
}

export async function history(relais: Relais, id: string): Promise<VersionInfo[]> {
  const list = await relais.stores.ruleSets.versions
    .find({ ruleSetId: id }, { projection: { _id: 0, ruleSet: 0 } })
    .sort({ version: -1 })
    .toArray();
  return list.map(({ version, author, comment, publishedAt, copiedFrom }) => ({
    version,
    author,
    comment,
    publishedAt,
    copiedFrom,
  }));
}

export async function version(relais: Relais, id: string, n: number): Promise<RuleSet | null> {
  return (await relais.stores.ruleSets.version(id, n))?.ruleSet ?? null;
}

export async function publish(
  relais: Relais,
  id: string,
  actor: Actor,
  comment: string,
): Promise<number> {
  if (actor.role !== 'manager') throw new Forbidden('only managers publish');
  const draft = await getDraft(relais, id);
  if (!draft) throw new Error(`no rule set ${id}`);
  const issues = await check(relais, draft.ruleSet);
  if (issues.some((i) => i.severity === 'error')) throw new ChecksFailed(issues);
  const before = await relais.stores.ruleSets.latestPublished(id);
  const n = await relais.stores.ruleSets.publish(draft.ruleSet, { author: actor.id, comment });
  await audit(relais, id, actor, 'publish', n, comment, before, draft.ruleSet);
  return n;
}

export async function rollback(
  relais: Relais,
  id: string,
  toVersion: number,
  actor: Actor,
  comment: string,
): Promise<number> {
  if (actor.role !== 'manager') throw new Forbidden('only managers roll back');
  const target = await version(relais, id, toVersion);
  if (!target) throw new Error(`no version ${toVersion} of ${id}`);
  const before = await relais.stores.ruleSets.latestPublished(id);
  const n = await relais.stores.ruleSets.publish(
    { ...target, version: 0 },
    { author: actor.id, comment, copiedFrom: toVersion },
  );
  await relais.stores.ruleSets.saveDraft({ ...target, version: 0 }, actor.id);
  await audit(relais, id, actor, 'rollback', n, comment, before, target);
  return n;
}

export async function diff(
  relais: Relais,
  id: string,
  from: number | 'draft',
  to: number | 'draft',
  lang: Lang,
): Promise<RuleSetDiff | null> {
  const load = async (v: number | 'draft') =>
    v === 'draft' ? ((await getDraft(relais, id))?.ruleSet ?? null) : version(relais, id, v);
  const [a, b] = await Promise.all([load(from), load(to)]);
  return a && b ? diffRuleSets(a, b, lang) : null;
}

export async function backtest(
  relais: Relais,
  id: string,
  opts: { limit: number },
): Promise<{ report: BacktestReport; draft: RuleSet; baseline: RuleSet | null }> {
  const draft = await getDraft(relais, id);
  if (!draft) throw new Error(`no rule set ${id}`);
  const baseline = await relais.stores.ruleSets.latestPublished(id);
  const contacts = await recentContacts(relais, opts.limit);
  const calendars = await knownCalendars(relais);
  const report = runBacktest(draft.ruleSet, baseline, contacts, { calendars, examples: 8 });
  return { report, draft: draft.ruleSet, baseline };
}

export async function recentContacts(relais: Relais, limit: number) {
  const docs = await relais.stores.decisions.col
    .find({}, { projection: { 'result.decision.explanation.rules': 0, 'result.calendar': 0 } })
    .sort({ decidedAt: -1 })
    .limit(limit)
    .toArray();
  return docs.map(({ caseId, facts, result: { decision } }) => ({
    caseId,
    facts,
    decision: { ...decision, explanation: { ...decision.explanation, rules: [] } },
  }));
}

interface AuditDoc {
  ruleSetId: string;
  at: Date;
  actor: string;
  action: string;
  version: number | null;
  comment: string | null;
  summary: string[];
}

async function audit(
  relais: Relais,
  id: string,
  actor: Actor,
  action: string,
  n: number,
  comment: string,
  before: RuleSet | null,
  after: RuleSet,
): Promise<void> {
  const summary = before ? diffRuleSets(before, after, 'en').summary : [];
  await relais.stores.users.col.db.collection<AuditDoc>('designerAudit').insertOne({
    ruleSetId: id,
    at: new Date(),
    actor: actor.id,
    action,
    version: n,
    comment,
    summary,
  });
}

export async function auditLog(relais: Relais, id: string): Promise<AuditLine[]> {
  return relais.stores.users.col.db
    .collection<AuditDoc>('designerAudit')
    .find({ ruleSetId: id }, { projection: { _id: 0, ruleSetId: 0 } })
    .sort({ at: -1 })
    .limit(50)
    .toArray();
}
