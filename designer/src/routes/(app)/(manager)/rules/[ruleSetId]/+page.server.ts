import { error, fail } from '@sveltejs/kit';
import { compileRuleSet } from '$rules/engine/compileRuleSet';
import { RulesError } from '$rules/errors';
import { buildFacts } from '$rules/facts/buildFacts';
import { RuleSetSchema } from '$rules/model/ruleSet';
import { parseRuleSet } from '$lib/editor/schemaProblems';
import { factsInput, SimContactSchema } from '$lib/editor/simContact';
import { managerRoles, requireRole } from '$lib/server/auth';
import { catalogueChoices } from '$lib/server/catalogue';
import { formFields, jsonField } from '$lib/server/forms';
import { listLadders, listTemplates } from '$lib/server/presets';
import { relais } from '$lib/server/relais';
import {
  actor,
  draftWithMeta,
  knownCalendars,
  latestPublished,
  refusal,
  ruleSets,
} from '$lib/server/ruleSets';
import { recentContactChoices, sampleContacts } from '$lib/server/samples';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(event, managerRoles);
  const { params } = event;
  const r = await relais();
  const draft = await draftWithMeta(r, params.ruleSetId);
  if (!draft) error(404, `No rule set ${params.ruleSetId}`);
  const [latest, calendars, ladders, templates, samples, recent, catalogue] = await Promise.all([
    latestPublished(r, params.ruleSetId),
    knownCalendars(r),
    listLadders(r),
    listTemplates(r),
    sampleContacts(),
    recentContactChoices(r),
    catalogueChoices(r),
  ]);
  return {
    ruleSetId: params.ruleSetId,
    draft,
    latest: latest ? { version: latest.version, publishedAt: latest.publishedAt } : null,
    published: latest?.ruleSet ?? null,
    calendars,
    ladders,
    templates,
    samples,
    recent,
    ...catalogue,
  };
};

/**
 * The draft sent by the editor, through the schema the editor also runs live; a refusal lists
 * every problem with its path, for the editor to show on the fields concerned.
 */
function sentRuleSet(form: FormData) {
  const raw = form.get('ruleSet');
  let value: unknown;
  try {
    value = JSON.parse(typeof raw === 'string' ? raw : '');
  } catch {
    value = undefined;
  }
  const parsed = parseRuleSet(value);
  if (parsed.ok) return parsed;
  return { ok: false as const, failure: fail(400, { schemaProblems: parsed.problems }) };
}

export const actions: Actions = {
  /** Stores the draft as edited; the checks are shown, not enforced, until publish. */
  save: async (event) => {
    const user = requireRole(event, ['manager']);
    const parsed = sentRuleSet(await event.request.formData());
    if (!parsed.ok) return parsed.failure;
    if (parsed.ruleSet.id !== event.params.ruleSetId) error(400, 'rule set id mismatch');
    try {
      await ruleSets(await relais()).saveDraft(parsed.ruleSet, actor(user));
    } catch (err) {
      const refused = refusal(err);
      if (refused) return fail(refused.status, refused.data);
      throw err;
    }
    return { saved: new Date().toISOString() };
  },

  /** Saves the draft as sent, then publishes it when the static checks find no errors. */
  publish: async (event) => {
    const user = requireRole(event, ['manager']);
    const form = await event.request.formData();
    const parsed = sentRuleSet(form);
    if (!parsed.ok) return parsed.failure;
    if (parsed.ruleSet.id !== event.params.ruleSetId) error(400, 'rule set id mismatch');
    const comment = form.get('comment');
    const service = ruleSets(await relais());
    try {
      await service.saveDraft(parsed.ruleSet, actor(user));
      const published = await service.publish(
        event.params.ruleSetId,
        actor(user),
        typeof comment === 'string' ? comment : '',
      );
      return { published: published.version };
    } catch (err) {
      const refused = refusal(err);
      if (refused) return fail(refused.status, refused.data);
      throw err;
    }
  },

  /** The draft as sent, run on one contact: the decision and every rule's trace. */
  simulate: async (event) => {
    const form = await event.request.formData();
    const parsed = jsonField(form, 'ruleSet', RuleSetSchema);
    if (!parsed.ok) return parsed.failure;
    const contact = formFields(form, SimContactSchema, ['ruleSet']);
    if (!contact.ok) return contact.failure;
    const facts = buildFacts(factsInput(contact.data, new Date().toISOString()));
    try {
      const compiled = compileRuleSet(parsed.data, {
        calendars: await knownCalendars(await relais()),
      });
      const { decision, errors } = compiled.evaluate(facts);
      return { simulation: { facts, decision, errors } };
    } catch (err) {
      if (err instanceof RulesError)
        return fail(400, { simulationError: err.messages[event.locals.lang] });
      throw err;
    }
  },
};
