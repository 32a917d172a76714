import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { InvalidInputError, NotFoundError } from '$worker/rules/errors';
import type { CatalogueKind } from '$worker/store/catalogue/catalogueAudit';
import type { UsedBy } from '$worker/store/catalogue/usage';
import type { LocalizedText } from '$rules/model/localized';
import type { CatalogueChoice, PersonChoice } from '$lib/catalogue';
import { formFieldOf } from './catalogueForms';
import { routerClient } from './live/router';
import type { Relais } from './relais';

/** The catalogue's queues and skills as the pickers offer them. */
export async function catalogueChoices(
  r: Relais,
): Promise<{ queues: CatalogueChoice[]; skills: CatalogueChoice[] }> {
  const [queues, skills] = await Promise.all([r.stores.queues.list(), r.stores.skills.list()]);
  const choice = (doc: { _id: string; labels: CatalogueChoice['labels'] }) => ({
    id: doc._id,
    labels: doc.labels,
  });
  return { queues: queues.map(choice), skills: skills.map(choice) };
}

/** Enabled people the router can hand work to: agents, and others who serve a queue. */
export async function agentChoices(r: Relais): Promise<PersonChoice[]> {
  const users = await r.stores.users.list();
  return users
    .filter((u) => u.enabled && (u.role === 'agent' || u.routing.queues.length > 0))
    .map((u) => ({ id: u._id, name: u.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The page's recent audit entries, with names rather than ids: the actor's name, and the
 * target's names from `labels` (an entry deleted since keeps its id, the only name left).
 */
export async function recentAudit(
  r: Relais,
  kind: CatalogueKind,
  labels: ReadonlyMap<string, LocalizedText>,
  limit = 15,
) {
  const [entries, users] = await Promise.all([
    r.stores.catalogueAudit.recent({ kind }, limit),
    r.stores.users.list(),
  ]);
  const names = new Map(users.map((u) => [u._id, u.name]));
  return entries.map((e) => ({
    at: e.at,
    // The seed writes as "relais": Relais itself, not a user.
    actor: names.get(e.actor.id) ?? (e.actor.id === 'relais' ? 'Relais' : e.actor.id),
    target: labels.get(e.targetId) ?? { fr: e.targetId, en: e.targetId },
    action: e.action,
    diff: e.diff,
  }));
}

/** Ids to names, for `recentAudit`. */
export const labelMap = (docs: readonly { _id: string; labels: LocalizedText }[]) =>
  new Map(docs.map((d) => [d._id, d.labels]));

/** The router reloads queues and agents; one that does not run yet loads them at start. */
export async function tellRouter(): Promise<void> {
  await (await routerClient()).catalogueChanged();
}

/**
 * A store's refusal as the page's answer: the fields to mark (form field names), or that the
 * entry is gone. Anything else is a bug and stays an error.
 */
export function refusedChange(err: unknown) {
  if (err instanceof InvalidInputError)
    return fail(400, { invalid: [...new Set(err.problems.map((p) => formFieldOf(p.path)))] });
  if (err instanceof NotFoundError) return gone();
  throw err;
}

/** The entry was deleted meanwhile. */
export const gone = () => fail(404, { notFound: true as const });

/** A form read through a store's zod schema, or the page's answer naming the fields to fix. */
export function parsedForm<T>(schema: z.ZodType<T, unknown>, input: unknown) {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true as const, data: parsed.data };
  const fields = parsed.error.issues.map((i) => formFieldOf(i.path.map(String).join('.')));
  return { ok: false as const, failure: fail(400, { invalid: [...new Set(fields)] }) };
}

/** An id already taken: checked before saving a new entry, so the page can say so plainly. */
export const idTaken = () => fail(409, { invalid: ['id'], exists: true as const });

/** A removal refused because rules or agents still name the entry; the page names them. */
export const stillUsed = (name: LocalizedText, usedBy: UsedBy) => fail(409, { usedBy, name });
