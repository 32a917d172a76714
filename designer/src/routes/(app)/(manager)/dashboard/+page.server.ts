import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { computeKpis } from '$worker/kpis/kpis';
import { requireRole } from '$lib/server/auth';
import { relais } from '$lib/server/relais';
import type { Actions, PageServerLoad } from './$types';

const windows = { '24h': 1, '7d': 7, '30d': 30 } as const;
const WindowSchema = z.enum(['24h', '7d', '30d']).catch('7d');
const supervisors = ['manager', 'supervisor'] as const;
/** The most urgent escalated tasks, among which the dashboard shows the 20 highest levels. */
const escalationsRead = 500;

export const load: PageServerLoad = async (event) => {
  requireRole(event, supervisors);
  // The counters and notices re-read themselves when the live feed says a case changed.
  event.depends('relais:dashboard');
  const { stores } = await relais();
  const window = WindowSchema.parse(event.url.searchParams.get('window'));
  const to = new Date();
  const from = new Date(to.getTime() - windows[window] * 86_400_000);
  const [backlog, escalated, unread, window_] = await Promise.all([
    stores.tasks.backlog(to),
    stores.tasks.listPage({ escalated: true }, 0, escalationsRead),
    stores.notifications.unread(50),
    stores.kpiEvents.inWindow(from, to),
  ]);
  return {
    window,
    backlog,
    // Resolved cases wait for their survey or reopen window: no longer agent work.
    escalations: escalated.tasks
      .filter((t) => t.kind === 'case' && t.status !== 'resolved' && t.status !== 'surveying')
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
