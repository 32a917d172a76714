import { condition, patched } from '@temporalio/workflow';
import type { Channel } from '../../../rules/model/channel';
import { runEscalationLadder, type EscalationLevel } from '../../blocks/escalationLadder';
import type { PromiseClock } from '../../blocks/promiseClock';
import { customerWords } from '../../lib/customerWords';
import type { CaseContext } from '../caseContext';
import { routeDueCallbacks, watchCallbacks } from './callbacks';

/** Channels where the customer is waiting live, so silence past the target loses them. */
export const liveChannels: Channel[] = ['chat', 'phone', 'click-to-call', 'video'];

async function escalate(ctx: CaseContext, level: EscalationLevel, index: number, promise: string) {
  const { model } = ctx;
  model.escalate(level.boostPriority, level.moveToQueue);
  await ctx.record('escalated', {
    promise,
    level: index + 1,
    priority: model.priority,
    queue: model.queue,
    notifySupervisor: level.notifySupervisor,
  });
  if (level.notifySupervisor)
    await ctx.notifySupervisor(
      `Case ${model.caseId} breached its ${promise} promise (level ${index + 1})`,
    );
  await ctx.syncTask();
  // A waiting case goes to the router again with its new priority or queue.
  if (level.boostPriority > 0 || level.moveToQueue)
    await ctx.handOver(ctx.hold.refresh('escalation'));
}

/** Offers a callback or a written answer instead of more waiting on a live channel. */
async function offerAlternative(ctx: CaseContext): Promise<void> {
  const { model } = ctx;
  if (!liveChannels.includes(model.channel) || model.abandoned) return;
  const canCallBack = model.customer.phone !== null;
  await ctx.send(
    'callback-offer',
    model.channel,
    customerWords.callbackOffer(canCallBack, model.customer.lang),
  );
  await ctx.record('callback-offered', { channel: model.channel, callback: canCallBack });
}

function ladder(ctx: CaseContext, clock: PromiseClock, promise: string, isMet: () => boolean) {
  return runEscalationLadder({
    ladder: ctx.decision.escalation,
    clock,
    isMet,
    onWarning: () =>
      ctx.record('promise-warning', { promise, dueAt: clock.dueAt()?.toISOString() }),
    onBreach: async () => {
      await ctx.record('promise-breached', { promise });
      if (promise === 'first-response') await offerAlternative(ctx);
    },
    onLevel: (level, index) => escalate(ctx, level, index, promise),
  });
}

/**
 * The case in the agents' hands: the first-response and resolution promises, each on its own
 * clock and ladder, and the callbacks, until an agent resolves it.
 */
export async function serve(ctx: CaseContext): Promise<void> {
  const { model } = ctx;
  const closed = () => !model.isOpenForAgents;
  const firstResponse = async () => {
    if (ctx.firstResponseClock)
      await ladder(
        ctx,
        ctx.firstResponseClock,
        'first-response',
        () => model.firstResponseAt !== null || closed(),
      );
  };
  const resolution = async () => {
    if (ctx.resolutionClock) await ladder(ctx, ctx.resolutionClock, 'resolution', closed);
  };
  // Cases from before this patch left a due callback in the task list only.
  const routeCallbacks = ctx.routing && patched('route-due-callbacks');
  await Promise.all([
    firstResponse(),
    resolution(),
    watchCallbacks(ctx),
    ...(routeCallbacks ? [routeDueCallbacks(ctx)] : []),
    condition(closed),
  ]);
}
