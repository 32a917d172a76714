import { z } from 'zod';
import type { Action } from '../../../rules/model/actions';
import { LocalizedTextSchema } from '../../../rules/model/localized';
import type { RuleSet } from '../../../rules/model/ruleSet';
import type { RuleSetStore } from '../ruleSets';
import type { User, UserStore } from '../users';

export const RuleUseSchema = z.object({
  ruleSetId: z.string(),
  ruleSetName: LocalizedTextSchema,
  /** The latest published version naming it; null for a draft that names it and it alone. */
  version: z.number().int().nullable(),
  ruleId: z.string(),
  ruleName: LocalizedTextSchema,
});
export type RuleUse = z.infer<typeof RuleUseSchema>;

export const UsedBySchema = z.object({
  rules: z.array(RuleUseSchema),
  agents: z.array(z.object({ agentId: z.string(), name: z.string() })),
});
export type UsedBy = z.infer<typeof UsedBySchema>;

export const RemoveResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), usedBy: UsedBySchema }),
]);
export type RemoveResult = z.infer<typeof RemoveResultSchema>;

/** The names of one kind (queues, skills) an action gives. */
type Names = (action: Action) => string[];

/** The rules of `ruleSet` with an action naming `id`. */
export function rulesNaming(
  ruleSet: RuleSet,
  version: number | null,
  names: Names,
  id: string,
): RuleUse[] {
  return ruleSet.rules
    .filter((rule) => rule.actions.some((action) => names(action).includes(id)))
    .map((rule) => ({
      ruleSetId: ruleSet.id,
      ruleSetName: ruleSet.name,
      version,
      ruleId: rule.id,
      ruleName: rule.name,
    }));
}

/**
 * Who would be left naming a queue or skill that no longer exists: the rules of every rule set's
 * latest published version and of its draft (the draft's only when the published one has no such
 * rule, so one rule is not listed twice), and the agents whose profile names it.
 */
export async function findUsers(
  ruleSets: RuleSetStore,
  users: UserStore,
  names: Names,
  agentUses: (user: User) => boolean,
  id: string,
): Promise<UsedBy> {
  const rules: RuleUse[] = [];
  for (const ruleSetId of await ruleSets.ids()) {
    const [latest, draft] = await Promise.all([
      ruleSets.latestVersion(ruleSetId),
      ruleSets.draft(ruleSetId),
    ]);
    const published = latest ? rulesNaming(latest.ruleSet, latest.version, names, id) : [];
    const inDraft = draft ? rulesNaming(draft, null, names, id) : [];
    const seen = new Set(published.map((use) => use.ruleId));
    rules.push(...published, ...inDraft.filter((use) => !seen.has(use.ruleId)));
  }
  const agents = (await users.list())
    .filter(agentUses)
    .map((user) => ({ agentId: user._id, name: user.name }));
  return { rules, agents };
}

export const unused = (usedBy: UsedBy): boolean =>
  usedBy.rules.length === 0 && usedBy.agents.length === 0;
