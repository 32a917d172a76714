import { patched } from '@temporalio/workflow';
import type { PendingCallbacks } from '../../contracts/case';
import { workflowNow } from '../../lib/clock';
import type { CaseContext } from '../caseContext';
import { cancelCallbacks } from './callbacks';

/**
 * Resolves the case for `agentId`. Callbacks still scheduled are cancelled, or kept when the
 * agent still means to call (closing the case cancels them then).
 */
export async function resolveCase(
  ctx: CaseContext,
  agentId: string,
  reason: string,
  pendingCallbacks: PendingCallbacks,
): Promise<void> {
  const { model } = ctx;
  // Before this patch, resolving marked scheduled callbacks done and left their tasks queued.
  const settlesCallbacks = patched('cancel-callbacks-on-resolve');
  model.resolve(agentId);
  if (!settlesCallbacks) model.endScheduledCallbacks('completed');
  await ctx.record('resolved', { agentId, reason });
  await ctx.syncTask();
  await ctx.handOver(ctx.hold.leave('resolved', workflowNow()));
  if (settlesCallbacks && pendingCallbacks === 'cancel') await cancelCallbacks(ctx, 'resolved');
}
