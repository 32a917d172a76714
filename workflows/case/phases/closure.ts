import { condition } from '@temporalio/workflow';
import { workflowNow } from '../../lib/clock';
import type { CaseContext } from '../caseContext';
import { cancelCallbacks } from './callbacks';

/**
 * Closes the case, then keeps it reopenable for the rules' reopen window. Resolves true when a
 * customer reply (or an agent) reopened it within the window. Callbacks kept at resolution are
 * cancelled: nobody calls about a closed case.
 */
export async function closeWithReopenWindow(ctx: CaseContext): Promise<boolean> {
  const { model } = ctx;
  model.setStatus('closed');
  await ctx.syncTask();
  await ctx.handOver(ctx.hold.leave('closed', workflowNow()));
  await ctx.record('closed', { reopenWindowDays: ctx.decision.reopenWindowDays });
  await cancelCallbacks(ctx, 'closed');
  const windowMs = ctx.decision.reopenWindowDays * 24 * 3600_000;
  if (windowMs === 0) return false;
  return condition(() => model.status === 'reopened', windowMs);
}
