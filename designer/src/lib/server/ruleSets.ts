import type { Issue } from '$rules/checks/issue';
import type { Lang } from '$rules/model/channel';
import type { Calendar } from '$rules/model/calendar';
import type { RuleSet } from '$rules/model/ruleSet';
import type { BacktestReport } from '$rules/backtest/backtest';
import type { RuleSetDiff } from '$rules/describe/diffRuleSets';
import { knownCalendars as storedCalendars } from '$worker/rules/knownCalendars';
import { RuleSetError, ChecksFailedError } from '$worker/rules/errors';
import type { RuleSetService, VersionRef } from '$worker/rules/ruleSetService';
import type { AuditEntry } from '$worker/store/audit';
import type { VersionInfo } from '$worker/store/ruleSets';
import type { SessionUser } from '$lib/user';
import type { Relais } from './relais';

/**
 * The designer's door to rule-set storage: the worker's RuleSetService (roles, checks, audit log)
 * on the designer's MongoDB connection, plus the read-outs the pages need around it.
 */
export type { AuditEntry, VersionInfo };
export { ChecksFailedError, RuleSetError };

export const ruleSets = (relais: Relais): RuleSetService => relais.ruleSets;

export const actor = (user: SessionUser) => ({ id: user.id, role: user.role });

export function knownCalendars(relais: Relais): Promise<Calendar[]> {
  return storedCalendars(relais.stores.calendars);
}

/** The draft with who saved it last; null when there is no such rule set. */
export async function draftWithMeta(
  relais: Relais,
  id: string,
): Promise<{ ruleSet: RuleSet; updatedAt: Date | null; updatedBy: string | null } | null> {
  const doc = await relais.stores.ruleSets.draftDoc(id);
  if (doc) return { ruleSet: doc.ruleSet, updatedAt: doc.updatedAt, updatedBy: doc.updatedBy };
  const latest = await relais.stores.ruleSets.latestPublished(id);
  return latest ? { ruleSet: { ...latest, version: 0 }, updatedAt: null, updatedBy: null } : null;
}

export async function latestPublished(relais: Relais, id: string) {
  return relais.stores.ruleSets.latestVersion(id);
}

export function recentContacts(relais: Relais, limit: number) {
  return relais.stores.decisions.recentForBacktest(limit);
}

export function diff(
  relais: Relais,
  id: string,
  from: VersionRef,
  to: VersionRef,
  lang: Lang,
): Promise<RuleSetDiff> {
  return ruleSets(relais).diff(id, from, to, lang);
}

export function backtest(relais: Relais, id: string, limit: number): Promise<BacktestReport> {
  return ruleSets(relais).backtest(id, { limit, against: 'published', examples: 8 });
}

/** A service refusal as form-action data: its code, and the issues when checks failed. */
export function refusal(err: unknown): {
  status: number;
  data: { refused: { code: string; message: string }; issues?: Issue[] };
} | null {
  if (!(err instanceof RuleSetError)) return null;
  const status =
    err.code === 'FORBIDDEN'
      ? 403
      : err.code === 'NOT_FOUND'
        ? 404
        : err.code === 'PUBLISH_CONFLICT'
          ? 409
          : 400;
  return {
    status,
    data: {
      refused: { code: err.code, message: err.message },
      ...(err instanceof ChecksFailedError ? { issues: err.issues } : {}),
    },
  };
}
