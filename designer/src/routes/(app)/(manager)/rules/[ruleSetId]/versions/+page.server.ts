import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requireRole } from '$lib/server/auth';
import { formFields } from '$lib/server/forms';
import { relais } from '$lib/server/relais';
import { auditLog, diff, getDraft, history, rollback } from '$lib/server/ruleSets';
import type { Actions, PageServerLoad } from './$types';

const side = (value: string | null, fallback: number | 'draft'): number | 'draft' =>
  value === 'draft' ? 'draft' : value && /^\d+$/.test(value) ? Number(value) : fallback;

export const load: PageServerLoad = async ({ params, url, locals }) => {
  const r = await relais();
  const draft = await getDraft(r, params.ruleSetId);
  if (!draft) error(404, `No rule set ${params.ruleSetId}`);
  const versions = await history(r, params.ruleSetId);
  const latest = versions[0]?.version ?? null;
  const to = side(url.searchParams.get('to'), latest ?? 'draft');
  const from = side(
    url.searchParams.get('from'),
    versions[1]?.version ?? (latest === null ? 'draft' : latest),
  );
  const [changes, audit] = await Promise.all([
    diff(r, params.ruleSetId, from, to, locals.lang),
    auditLog(r, params.ruleSetId),
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
  comment: z.string().trim().max(500).default(''),
});

export const actions: Actions = {
  rollback: async (event) => {
    const user = requireRole(event, ['manager']);
    const parsed = formFields(await event.request.formData(), RollbackSchema);
    if (!parsed.ok) return parsed.failure;
    const r = await relais();
    const versions = await history(r, event.params.ruleSetId);
    if (!versions.some((v) => v.version === parsed.data.version))
      return fail(404, { problems: [{ path: 'version', message: 'no such version' }] });
    const published = await rollback(
      r,
      event.params.ruleSetId,
      parsed.data.version,
      { id: user.id, role: user.role },
      parsed.data.comment,
    );
    return { rolledBack: published };
  },
};
