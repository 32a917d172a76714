import { workflowNow } from '../../lib/clock';
import { waitForInstant } from '../../blocks/waitFor';
import type { CaseContext } from '../caseContext';

async function syncCallbackTask(ctx: CaseContext, callbackId: string): Promise<void> {
  const cb = ctx.model.callbacks.find((c) => c.callbackId === callbackId)!;
  await ctx.syncSideTask(
    ctx.model.sideTask('callback', callbackId, cb.dueAt, cb.status === 'scheduled', workflowNow(), {
      subject: `Callback: ${cb.reason}`,
    }),
  );
}

/** Creates a callback task due at `at` (now for "as soon as possible"). */
export async function scheduleCallback(
  ctx: CaseContext,
  at: Date,
  reason: string,
): Promise<string> {
  const now = workflowNow();
  const due = at < now ? now : at;
  const callbackId = ctx.model.scheduleCallback(due, reason);
  await ctx.record('callback-scheduled', { callbackId, dueAt: due.toISOString(), reason });
  await syncCallbackTask(ctx, callbackId);
  return callbackId;
}

/** An attempt that did not reach the customer: retry per policy, then escalate. */
export async function callbackNotReached(
  ctx: CaseContext,
  callbackId: string,
  why: 'no-answer' | 'not-reported',
): Promise<void> {
  const { model } = ctx;
  const now = workflowNow();
  const status = model.callbackAttemptFailed(callbackId, now, ctx.callbackPolicy);
  const cb = model.callbacks.find((c) => c.callbackId === callbackId)!;
  if (status === 'failed') {
    model.escalate(1, null);
    await ctx.record('callback-failed', { callbackId, attempts: cb.attempts, why });
    await ctx.notifySupervisor(
      `Callback ${callbackId} of case ${model.caseId} failed after ${cb.attempts} attempts`,
    );
    await ctx.syncTask();
    await ctx.handOver(ctx.hold.refresh('escalation'));
  } else {
    await ctx.record('callback-missed', {
      callbackId,
      attempt: cb.attempts,
      why,
      nextAt: cb.dueAt.toISOString(),
    });
  }
  await syncCallbackTask(ctx, callbackId);
}

/** Cancels the callbacks still scheduled: each task leaves the queue, with a timeline event. */
export async function cancelCallbacks(ctx: CaseContext, why: 'resolved' | 'closed'): Promise<void> {
  for (const callbackId of ctx.model.endScheduledCallbacks('cancelled')) {
    await ctx.record('callback-cancelled', { callbackId, why });
    await syncCallbackTask(ctx, callbackId);
  }
}

export async function callbackReached(ctx: CaseContext, callbackId: string): Promise<void> {
  const first = ctx.model.callbackReached(callbackId, workflowNow());
  await ctx.record('callback-completed', { callbackId });
  if (first) await ctx.record('promise-met', { by: 'callback' });
  await syncCallbackTask(ctx, callbackId);
  await ctx.syncTask();
}

/**
 * Watches scheduled callbacks: one whose outcome is not reported in time counts as a missed
 * attempt. Returns once the case leaves the agents' hands.
 */
export async function watchCallbacks(ctx: CaseContext): Promise<void> {
  const { model } = ctx;
  const done = () => !model.isOpenForAgents;
  for (;;) {
    const next = () => model.nextCallbackDeadline(ctx.callbackPolicy);
    if (
      await waitForInstant(
        () => next()?.at ?? null,
        () => model.callbackVersion,
        done,
      )
    )
      return;
    const missed = next();
    if (missed) await callbackNotReached(ctx, missed.callbackId, 'not-reported');
  }
}

/**
 * Hands the case to the router when one of its callbacks comes due and nobody holds it (a chat
 * the customer left, say), so an agent is offered the call like a new contact. A missed attempt
 * is due again later and handed over again. Returns once the case leaves the agents' hands.
 */
export async function routeDueCallbacks(ctx: CaseContext): Promise<void> {
  const { model, hold } = ctx;
  const done = () => !model.isOpenForAgents;
  const handed = new Set<string>();
  const keyOf = (cb: { callbackId: string; dueAt: Date }) =>
    `${cb.callbackId}@${cb.dueAt.toISOString()}`;
  const next = () =>
    model.callbacks
      .filter((cb) => cb.status === 'scheduled' && !handed.has(keyOf(cb)))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
  for (;;) {
    if (
      await waitForInstant(
        () => next()?.dueAt ?? null,
        () => model.callbackVersion,
        done,
      )
    )
      return;
    const due = next();
    if (!due) continue;
    handed.add(keyOf(due));
    // Under the handlers' lock, so a claim in flight reaches the router in its turn.
    await ctx.lock.run(
      () => {},
      async () => {
        if (done() || model.assignee !== null || hold.waiting) return;
        await ctx.handOver(hold.route('callback', [], workflowNow()));
      },
    );
  }
}
