import { z } from 'zod';
import { CaseStatusSchema, ClaimSchema, claimUpdate } from '$workflows/contracts/case';
import { TaskKindSchema } from '$workflows/contracts/task';
import { requireUser } from '$lib/server/auth';
import { caseUpdate, field } from '$lib/server/caseUpdates';
import { relais } from '$lib/server/relais';
import type { Actions, PageServerLoad } from './$types';

/** The list's filters, from the query string; anything unknown means "all". */
const FiltersSchema = z.object({
  queue: z.string().catch(''),
  kind: TaskKindSchema.or(z.literal('')).catch(''),
  status: CaseStatusSchema.or(z.literal('')).catch(''),
  mine: z.literal('1').or(z.literal('')).catch(''),
});

export const load: PageServerLoad = async (event) => {
  const user = requireUser(event);
  const { stores } = await relais();
  const q = event.url.searchParams;
  const filters = FiltersSchema.parse({
    queue: q.get('queue') ?? '',
    kind: q.get('kind') ?? '',
    status: q.get('status') ?? '',
    mine: q.get('mine') ?? '',
  });
  const all = await stores.tasks.listOpen();
  const tasks = all.filter(
    (t) =>
      (!filters.queue || t.queue === filters.queue) &&
      (!filters.kind || t.kind === filters.kind) &&
      (!filters.status || t.status === filters.status) &&
      (!filters.mine || t.assignee === user.id),
  );
  return {
    tasks,
    filters,
    queues: [...new Set(all.map((t) => t.queue))].sort(),
    now: new Date().toISOString(),
  };
};

export const actions: Actions = {
  claim: (event) =>
    caseUpdate(event, {
      action: 'claim',
      caseId: (form) => field(form, 'caseId'),
      update: claimUpdate,
      schema: ClaimSchema,
      read: () => ({}),
    }),
};
