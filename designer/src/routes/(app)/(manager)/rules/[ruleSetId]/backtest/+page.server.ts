import { error } from '@sveltejs/kit';
import { compileRuleSet } from '$rules/engine/compileRuleSet';
import type { Facts } from '$rules/model/facts';
import type { RuleSet } from '$rules/model/ruleSet';
import type { Calendar } from '$rules/model/calendar';
import { managerRoles, requireRole } from '$lib/server/auth';
import { relais } from '$lib/server/relais';
import {
  backtest,
  draftWithMeta,
  knownCalendars,
  latestPublished,
  recentContacts,
} from '$lib/server/ruleSets';
import type { PageServerLoad } from './$types';

export interface Shift {
  /** Contacts per value of an output, published version vs draft. */
  queue: { label: string; before: number; after: number }[];
  priority: { label: string; before: number; after: number }[];
}

function count(
  ruleSet: RuleSet | null,
  facts: Facts[],
  calendars: Calendar[],
): { queue: Map<string, number>; priority: Map<string, number> } {
  const queue = new Map<string, number>();
  const priority = new Map<string, number>();
  if (!ruleSet) return { queue, priority };
  const compiled = compileRuleSet(ruleSet, { calendars });
  for (const f of facts) {
    const { decision } = compiled.evaluate(f);
    queue.set(decision.queue, (queue.get(decision.queue) ?? 0) + 1);
    const p = `P${decision.priority}`;
    priority.set(p, (priority.get(p) ?? 0) + 1);
  }
  return { queue, priority };
}

function merge(before: Map<string, number>, after: Map<string, number>) {
  return [...new Set([...before.keys(), ...after.keys()])]
    .sort()
    .map((label) => ({ label, before: before.get(label) ?? 0, after: after.get(label) ?? 0 }));
}

export const load: PageServerLoad = async (event) => {
  requireRole(event, managerRoles);
  const { params, url } = event;
  const r = await relais();
  const draft = await draftWithMeta(r, params.ruleSetId);
  if (!draft) error(404, `No rule set ${params.ruleSetId}`);
  const asked = Number(url.searchParams.get('limit') ?? 500);
  const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, 10_000) : 500;
  const base = { ruleSetId: params.ruleSetId, name: draft.ruleSet.name, limit };
  try {
    const report = await backtest(r, params.ruleSetId, limit);
    const baseline = (await latestPublished(r, params.ruleSetId))?.ruleSet ?? null;
    const contacts = await recentContacts(r, limit);
    const facts = contacts.map((c) => c.facts);
    const calendars = await knownCalendars(r);
    const before = count(baseline, facts, calendars);
    const after = count(draft.ruleSet, facts, calendars);
    const shift: Shift = {
      queue: merge(before.queue, after.queue),
      priority: merge(before.priority, after.priority),
    };
    return { ...base, report, shift, problem: null };
  } catch (err) {
    // A draft without a usable default rule cannot be replayed; say why instead of failing.
    return { ...base, report: null, shift: null, problem: (err as Error).message };
  }
};
