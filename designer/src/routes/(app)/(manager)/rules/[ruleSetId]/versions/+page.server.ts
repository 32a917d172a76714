import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { VersionRef } from '$worker/rules/ruleSetService';
import { managerRoles, requireRole } from '$lib/server/auth';
import { formFields } from '$lib/server/forms';
import { relais } from '$lib/server/relais';
import { actor, draftWithMeta, refusal, ruleSets } from '$lib/server/ruleSets';
import type { Actions, PageServerLoad } from './$types';

const side = (value: string | null, fallback: VersionRef): VersionRef =>
  value === 'draft' ? 'draft' : value && /^[1-9]\d*$/.test(value) ? Number(value) : fallback;

export const load: PageServerLoad = async (event) => {
  requireRole(event, managerRoles);
  const { params, url, locals } = event;
  const r = await relais();
  const draft = await draftWithMeta(r, params.ruleSetId);
  if (!draft) error(404, `No rule set ${params.ruleSetId}`);
  const service = ruleSets(r);
  const versions = await service.history(params.ruleSetId);
  const latest = versions[0]?.version ?? null;
  const to = side(url.searchParams.get('to'), latest ?? 'draft');
  const from = side(url.searchParams.get('from'), versions[1]?.version ?? latest ?? 'draft');
  const [changes, audit] = await Promise.all([
    service.diff(params.ruleSetId, from, to, locals.lang).catch(() => null),
    service.auditLog(params.ruleSetId, 30),
  ]);
  return {
    ruleSetId: params.ruleSetId,
    name: draft.ruleSet.name,
    versions,
    latest,
    from,
    to,
    changes,
    audit,
  };
};

const RollbackSchema = z.object({
  version: z.coerce.number().int().min(1),
  comment: z.string().trim().max(1000).default(''),
});

export const actions: Actions = {
  rollback: async (event) => {
    const user = requireRole(event, ['manager']);
    const parsed = formFields(await event.request.formData(), RollbackSchema);
    if (!parsed.ok) return parsed.failure;
    try {
      const published = await ruleSets(await relais()).rollback(
        event.params.ruleSetId,
        parsed.data.version,
        actor(user),
        parsed.data.comment,
      );
      return { rolledBack: published.version };
    } catch (err) {
      const refused = refusal(err);
      if (refused) return fail(refused.status, refused.data);
      throw err;
    }
  },
};
