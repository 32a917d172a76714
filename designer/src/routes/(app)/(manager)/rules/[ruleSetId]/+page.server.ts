import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { compileRuleSet } from '$rules/engine/compileRuleSet';
import { RulesError } from '$rules/errors';
import { buildFacts } from '$rules/facts/buildFacts';
import { RuleSetSchema } from '$rules/model/ruleSet';
import { factsInput, SimContactSchema } from '$lib/editor/simContact';
import { requireRole } from '$lib/server/auth';
import { formFields, jsonField } from '$lib/server/forms';
import { listLadders, listTemplates } from '$lib/server/presets';
import { relais } from '$lib/server/relais';
import {
  ChecksFailed,
  getDraft,
  knownCalendars,
  latestVersion,
  publish,
  saveDraft,
  version,
} from '$lib/server/ruleSets';
import { recentContactChoices, sampleContacts } from '$lib/server/samples';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
  const r = await relais();
  const draft = await getDraft(r, params.ruleSetId);
  if (!draft) error(404, `No rule set ${params.ruleSetId}`);
  const latest = await latestVersion(r, params.ruleSetId);
  const published = latest ? await version(r, params.ruleSetId, latest.version) : null;
  const [calendars, ladders, templates, samples, recent] = await Promise.all([
    knownCalendars(r),
    listLadders(r),
    listTemplates(r),
    sampleContacts(),
    recentContactChoices(r),
  ]);
  return {
    ruleSetId: params.ruleSetId,
    draft,
    latest,
    published,
    calendars,
    ladders,
    templates,
    samples,
    recent,
    lang: locals.lang,
  };
};

const CommentSchema = z.string().trim().max(500);

export const actions: Actions = {
  /** Stores the draft as edited; checks are shown, not enforced, until publish. */
  save: async (event) => {
    const user = requireRole(event, ['manager', 'supervisor']);
    const form = await event.request.formData();
    const parsed = jsonField(form, 'ruleSet', RuleSetSchema);
    if (!parsed.ok) return parsed.failure;
    if (parsed.data.id !== event.params.ruleSetId) return fail(400, { problems: [] });
    await saveDraft(await relais(), parsed.data, { id: user.id, role: user.role });
    return { saved: new Date().toISOString() };
  },

  /** Saves the draft as sent, then publishes it when the static checks find no errors. */
  publish: async (event) => {
    const user = requireRole(event, ['manager']);
    const form = await event.request.formData();
    const parsed = jsonField(form, 'ruleSet', RuleSetSchema);
    if (!parsed.ok) return parsed.failure;
    const comment = CommentSchema.safeParse(form.get('comment') ?? '');
    if (!comment.success)
      return fail(400, { problems: [{ path: 'comment', message: 'too long' }] });
    const r = await relais();
    const actor = { id: user.id, role: user.role };
    await saveDraft(r, parsed.data, actor);
    try {
      const published = await publish(r, event.params.ruleSetId, actor, comment.data);
      return { published };
    } catch (err) {
      if (err instanceof ChecksFailed) return fail(400, { issues: err.issues });
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
    const r = await relais();
    try {
      const compiled = compileRuleSet(parsed.data, { calendars: await knownCalendars(r) });
      const { decision, errors } = compiled.evaluate(facts);
      return { simulation: { facts, decision, errors } };
    } catch (err) {
      if (err instanceof RulesError)
        return fail(400, { simulationError: err.messages[event.locals.lang] });
      throw err;
    }
  },

  /** Throws the draft away: back to the latest published version. */
  discard: async (event) => {
    const user = requireRole(event, ['manager', 'supervisor']);
    const r = await relais();
    const latest = await latestVersion(r, event.params.ruleSetId);
    const published = latest ? await version(r, event.params.ruleSetId, latest.version) : null;
    if (!published) return fail(400, { problems: [] });
    await saveDraft(r, { ...published, version: 0 }, { id: user.id, role: user.role });
    return { discarded: true };
  },
};
