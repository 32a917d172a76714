import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { computeKpis } from '$worker/kpis/kpis';
import { requireRole } from '$lib/server/auth';
import { relais } from '$lib/server/relais';
import type { Actions, PageServerLoad } from './$types';

const windows = { '24h': 1, '7d': 7, '30d': 30 } as const;
const WindowSchema = z.enum(['24h', '7d', '30d']).catch('7d');
const supervisors = ['manager', 'supervisor'] as const;

export const load: PageServerLoad = async (event) => {
  requireRole(event, supervisors);
  const { stores } = await relais();
  const window = WindowSchema.parse(event.url.searchParams.get('window'));
  const to = new Date();
  const from = new Date(to.getTime() - windows[window] * 86_400_000);
  const [open, unread, window_] = await Promise.all([
    stores.tasks.listOpen({ limit: 5000 }),
    stores.notifications.unread(50),
    stores.kpiEvents.inWindow(from, to),
  ]);
  const now = to.getTime();
  const backlog = new Map<
    string,
    { queue: string; open: number; overdue: number; escalated: number; unassigned: number }
  >();
  // Resolved cases wait for their survey or reopen window: no longer agent work.
  const work = open.filter((t) => t.status !== 'resolved' && t.status !== 'surveying');
  for (const task of work) {
    const row = backlog.get(task.queue) ?? {
      queue: task.queue,
      open: 0,
      overdue: 0,
      escalated: 0,
      unassigned: 0,
    };
    row.open += 1;
    if (task.dueAt && Date.parse(task.dueAt) < now) row.overdue += 1;
    if (task.escalationLevel > 0) row.escalated += 1;
    if (!task.assignee) row.unassigned += 1;
    backlog.set(task.queue, row);
  }
  return {
    window,
    backlog: [...backlog.values()].sort((a, b) => b.open - a.open),
    escalations: work
      .filter((t) => t.kind === 'case' && t.escalationLevel > 0)
      .sort((a, b) => b.escalationLevel - a.escalationLevel)
      .slice(0, 20),
    notifications: unread.map((n) => ({
      key: n._id,
      caseId: n.caseId,
      queue: n.queue,
      text: n.text,
      at: n.at.toISOString(),
    })),
    kpis: computeKpis(window_.events, from, to),
    kpisTruncated: window_.truncated,
  };
};

export const actions: Actions = {
  markRead: async (event) => {
    requireRole(event, supervisors);
    const key = z
      .string()
      .min(1)
      .safeParse((await event.request.formData()).get('key'));
    if (!key.success) return fail(400, { message: 'which notification?' });
    const { stores } = await relais();
    await stores.notifications.markRead(key.data);
    return { message: '' };
  },
};
