import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { CaseStatusSchema, ClaimSchema, claimUpdate } from '$workflows/contracts/case';
import { TaskKindSchema } from '$workflows/contracts/task';
import { TaskOrderSchema } from '$worker/store/taskListKeys';
import { ChannelSchema } from '$rules/model/channel';
import { requireUser } from '$lib/server/auth';
import { BulkFormSchema, bulkTransfer, canBulk } from '$lib/server/bulkCases';
import { caseUpdate, field } from '$lib/server/caseUpdates';
import { noPullQueues, pullRefusal } from '$lib/server/pullPolicy';
import { relais } from '$lib/server/relais';
import type { Actions, PageServerLoad } from './$types';

/** The list's filters and page, from the query string; anything unknown means "all" / page 1. */
const ListQuerySchema = z.object({
  queue: z.string().catch(''),
  kind: TaskKindSchema.or(z.literal('')).catch(''),
  status: CaseStatusSchema.exclude(['closed']).or(z.literal('')).catch(''),
  priority: z.enum(['1', '2', '3', '4', '5']).or(z.literal('')).catch(''),
  channel: ChannelSchema.or(z.literal('')).catch(''),
  mine: z.literal('1').or(z.literal('')).catch(''),
  view: z.enum(['unassigned', 'breaching', 'escalated']).or(z.literal('')).catch(''),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** Tasks per page of the list. */
const pageSize = 50;
/** The "breaching soon" view: due within this many minutes, or already late. */
const breachingMinutes = 15;

export const load: PageServerLoad = async (event) => {
  const user = requireUser(event);
  // The page re-reads itself when the live feed says a case changed.
  event.depends('relais:tasks');
  const r = await relais();
  const { stores } = r;
  const q = event.url.searchParams;
  const { page, ...filters } = ListQuerySchema.parse({
    queue: q.get('queue') ?? '',
    kind: q.get('kind') ?? '',
    status: q.get('status') ?? '',
    priority: q.get('priority') ?? '',
    channel: q.get('channel') ?? '',
    mine: q.get('mine') ?? '',
    view: q.get('view') ?? '',
    page: q.get('page') ?? 1,
  });
  const sort = TaskOrderSchema.catch('urgency').parse(q.get('sort'));
  const now = new Date();
  const [{ tasks, total }, queues, noPull, queueDocs, users] = await Promise.all([
    stores.tasks.listPage(
      {
        queue: filters.queue || undefined,
        kind: filters.kind || undefined,
        status: filters.status || undefined,
        priority: filters.priority ? Number(filters.priority) : undefined,
        channel: filters.channel || undefined,
        assignee: filters.mine ? user.id : undefined,
        unassigned: filters.view === 'unassigned' || undefined,
        escalated: filters.view === 'escalated' || undefined,
        dueBefore:
          filters.view === 'breaching'
            ? new Date(now.getTime() + breachingMinutes * 60_000).toISOString()
            : undefined,
      },
      page - 1,
      pageSize,
      sort,
    ),
    stores.tasks.openQueues(),
    noPullQueues(r, user),
    stores.queues.list(),
    stores.users.list(),
  ]);
  return {
    tasks,
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    pageSize,
    filters,
    sort,
    queues,
    // Queues whose cases this user may not take from the list: the router offers them.
    noPull,
    // Queues by label and people by name: never a raw id in the list.
    queueLabels: Object.fromEntries(queueDocs.map((q) => [q._id, q.labels])),
    people: Object.fromEntries(users.map((u) => [u._id, u.name])) as Record<string, string>,
    // Supervisors act on many tasks at once: to any queue, or to an agent who can sign in.
    bulk: canBulk(user)
      ? {
          queues: queueDocs.map((q) => ({ id: q._id, labels: q.labels })),
          agents: users
            .filter((u) => u.role === 'agent' && u.enabled)
            .map((u) => ({ id: u._id, name: u.name })),
        }
      : null,
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
      refuse: pullRefusal,
    }),
  bulk: async (event) => {
    const user = requireUser(event);
    if (!canBulk(user))
      return fail(403, { action: 'bulk' as const, problem: 'forbidden' as const });
    const form = await event.request.formData();
    const parsed = BulkFormSchema.safeParse({
      mode: field(form, 'mode'),
      caseIds: form.getAll('caseId').filter((id) => typeof id === 'string'),
      toQueue: field(form, 'toQueue'),
      toAgent: field(form, 'toAgent'),
      reason: field(form, 'reason'),
    });
    if (!parsed.success) {
      const noCases = parsed.error.issues.some((i) => i.path[0] === 'caseIds');
      return fail(400, {
        action: 'bulk' as const,
        problem: noCases ? ('noneSelected' as const) : ('incomplete' as const),
      });
    }
    const outcomes = await bulkTransfer(await relais(), user, parsed.data);
    return { action: 'bulk' as const, outcomes };
  },
};
