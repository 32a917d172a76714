import { setHandler } from '@temporalio/workflow';
import {
  callbackOutcomeUpdate,
  caseStateQuery,
  caseValidators as validate,
  claimUpdate,
  customerLeftSignal,
  customerMessageSignal,
  noteUpdate,
  reopenUpdate,
  replyUpdate,
  resolveUpdate,
  scheduleCallbackUpdate,
  tagUpdate,
  transferUpdate,
} from '../contracts/case';
import type { InboundEnvelope } from '../contracts/messages';
import { type RoutedAssignment, routedAssignmentSignal } from '../contracts/routing';
import { isValidScore } from '../blocks/surveyPolicy';
import { workflowNow } from '../lib/clock';
import type { CaseContext } from './caseContext';
import { callbackNotReached, callbackReached, scheduleCallback } from './phases/callbacks';
import { resolveCase } from './phases/resolution';

export interface HandlerOptions {
  /** A lifecycle may forbid resolving before its own steps are done (e.g. a formal answer). */
  assertCanResolve?: () => void;
}

async function onCustomerMessage(ctx: CaseContext, { customer, message }: InboundEnvelope) {
  const { model } = ctx;
  model.customer = customer;
  const { duplicate, switchedFrom } = model.addMessage(message);
  if (duplicate) return;
  if (switchedFrom)
    await ctx.record('channel-switch', {
      from: switchedFrom,
      to: message.channel,
      messageId: message.messageId,
    });
  await ctx.record('message-received', {
    messageId: message.messageId,
    channel: message.channel,
    subject: message.subject,
    text: message.text,
  });

  const score = message.surveyScore;
  if (model.status === 'surveying' && model.survey && score !== null) {
    if (isValidScore(model.survey.kind, score)) model.survey.score = score;
    return;
  }
  if (!model.isOpenForAgents) {
    model.reopen();
    await ctx.record('reopened', { by: 'customer', messageId: message.messageId });
    return;
  }
  if (model.status === 'waiting-on-customer') {
    model.customerAnswered();
    ctx.resumeClocks(workflowNow());
  }
  if (message.callbackRequested && customer.phone && !model.hasScheduledCallback())
    await scheduleCallback(
      ctx,
      message.callbackAt ? new Date(message.callbackAt) : workflowNow(),
      'requested by the customer',
    );

  if (!model.decision) return;
  const { decision } = await ctx.decide(message, 'customer-message');
  const changes = model.applyRedecision(decision);
  if (Object.keys(changes).length > 0)
    await ctx.record('redecided', {
      changes,
      ruleSetVersion: decision.ruleSetVersion,
      messageId: message.messageId,
    });
  await ctx.syncTask();
  if (Object.keys(changes).length > 0) await ctx.handOver(ctx.hold.refresh());
}

/**
 * The router gave the case to an agent. Taken as a claim while the case still waits for one;
 * otherwise (claimed by hand meanwhile, resolved, closed) the agent's capacity goes back at once,
 * so the router never counts work the agent does not have and the case is never assigned twice.
 */
async function onRoutedAssignment(ctx: CaseContext, assignment: RoutedAssignment) {
  const { model, hold } = ctx;
  // Typed by the contract and sent only by the router: not parsed here, since a signal handler
  // that throws would fail the case's workflow task again and again.
  const { agentId, offerId } = assignment;
  // The router may answer before the intake has written the task: take it after, as a claim.
  if (ctx.routeAtDecision) await ctx.afterIntake();
  if (hold.heldBy(agentId)) return;
  if (hold.waiting && model.isOpenForAgents && model.assignee === null) {
    model.claim(agentId);
    hold.accepted(agentId, workflowNow());
    await ctx.record('assigned', {
      agentId,
      how: offerId ? 'accepted' : 'auto-accepted',
      offerId,
    });
    await ctx.syncTask();
    return;
  }
  await ctx.handOver({
    kind: 'release',
    release: { caseId: model.caseId, agentId, handledSeconds: null },
  });
}

/**
 * Wires signals, updates (with validators) and the state query onto a case's context. Every
 * handler that changes the case holds the context's lock, so none sees another's half-done work.
 */
export function registerCaseHandlers(ctx: CaseContext, options: HandlerOptions = {}): void {
  const { model, lock } = ctx;
  // Signals have no validator: their handlers read the state once the lock is theirs.
  const noRecheck = () => {};
  setHandler(caseStateQuery, () => model.snapshot());
  setHandler(customerMessageSignal, (envelope) =>
    lock.run(noRecheck, () => onCustomerMessage(ctx, envelope)),
  );

  setHandler(customerLeftSignal, ({ channel }) =>
    lock.run(noRecheck, async () => {
      // Now that the router can hold the case before the intake ends, a customer leaving meanwhile
      // is taken after it: its withdrawal follows the hand-over, and the callback asked for at
      // intake is the one kept.
      if (ctx.routeAtDecision) await ctx.afterIntake();
      if (model.firstResponseAt !== null || model.abandoned || !model.isOpenForAgents) return;
      model.abandoned = true;
      const waited = Math.round((workflowNow().getTime() - model.openedAt.getTime()) / 1000);
      await ctx.record('abandoned', { channel, waitedSeconds: waited });
      if (model.customer.phone && !model.hasScheduledCallback())
        await scheduleCallback(ctx, workflowNow(), `customer left the ${channel} before an answer`);
      await ctx.syncTask();
      await ctx.handOver(ctx.hold.leave('abandoned', workflowNow()));
    }),
  );

  setHandler(routedAssignmentSignal, (assignment) =>
    lock.run(noRecheck, () => onRoutedAssignment(ctx, assignment)),
  );

  lock.setUpdate(
    claimUpdate,
    (args) => model.assertCanClaim(validate.claim().parse(args).agentId),
    async ({ agentId }) => {
      await ctx.afterIntake();
      model.claim(agentId);
      await ctx.record('claimed', { agentId });
      await ctx.syncTask();
      await ctx.handOver(...ctx.hold.assign(agentId, 'claimed', workflowNow()));
      return model.snapshot();
    },
  );

  lock.setUpdate(
    replyUpdate,
    (args) => model.assertCanReply(validate.reply().parse(args).agentId),
    async (args) => {
      const { agentId, text, channel, awaitCustomer } = validate.reply().parse(args);
      const now = workflowNow();
      const first = model.reply(agentId, now, awaitCustomer);
      if (awaitCustomer) ctx.pauseClocks(now);
      const on = channel ?? model.channel;
      await ctx.send('reply', on, text);
      await ctx.record('replied', { agentId, channel: on, text });
      if (first && model.dueAt)
        await ctx.record('promise-met', {
          dueAt: model.dueAt.toISOString(),
          marginMinutes: Math.round((model.dueAt.getTime() - now.getTime()) / 60_000),
        });
      if (awaitCustomer) await ctx.record('waiting-on-customer', { agentId });
      await ctx.syncTask();
      return model.snapshot();
    },
  );

  lock.setUpdate(
    noteUpdate,
    (args) => model.assertCanNote(validate.note().parse(args).agentId),
    async ({ agentId, text }) => {
      await ctx.record('note', { agentId, text });
      return model.snapshot();
    },
  );

  // A new update: old histories never call it, so it needs no patch to replay.
  lock.setUpdate(
    tagUpdate,
    (args) => model.assertCanTag(validate.tag().parse(args).agentId),
    async (args) => {
      const { agentId, add, remove } = validate.tag().parse(args);
      const { added, removed } = model.retag(add, remove);
      if (added.length > 0 || removed.length > 0)
        await ctx.record('tagged', { agentId, added, removed });
      return model.snapshot();
    },
  );

  lock.setUpdate(
    transferUpdate,
    (args) => model.assertCanTransfer(validate.transfer().parse(args).agentId),
    async (args) => {
      const { agentId, toQueue, toAgent, reason } = validate.transfer().parse(args);
      await ctx.afterIntake();
      const from = { queue: model.queue, assignee: model.assignee };
      model.transfer(agentId, toQueue, toAgent);
      await ctx.record('transferred', { agentId, from, toQueue, toAgent, reason });
      await ctx.syncTask();
      const now = workflowNow();
      // To an agent: assigned by hand. To a queue: routed again, never back to who sent it.
      if (toAgent) await ctx.handOver(...ctx.hold.assign(toAgent, 'assigned-by-hand', now));
      else await ctx.handOver(...ctx.hold.transferToQueue(agentId, now));
      return model.snapshot();
    },
  );

  lock.setUpdate(
    scheduleCallbackUpdate,
    (args) => {
      const { at } = validate.scheduleCallback().parse(args);
      model.assertCanScheduleCallback();
      if (at) model.assertCallbackTime(new Date(at), workflowNow());
    },
    async ({ at, reason }) => {
      await scheduleCallback(ctx, at ? new Date(at) : workflowNow(), reason);
      await ctx.syncTask();
      return model.snapshot();
    },
  );

  lock.setUpdate(
    callbackOutcomeUpdate,
    (args) => {
      const { agentId, callbackId } = validate.callbackOutcome().parse(args);
      model.assertCanReportCallback(agentId, callbackId);
    },
    async ({ callbackId, outcome }) => {
      if (outcome === 'reached') await callbackReached(ctx, callbackId);
      else await callbackNotReached(ctx, callbackId, 'no-answer');
      return model.snapshot();
    },
  );

  lock.setUpdate(
    resolveUpdate,
    (args) => {
      model.assertCanResolve(validate.resolve().parse(args).agentId);
      options.assertCanResolve?.();
    },
    async (args) => {
      const { agentId, reason, pendingCallbacks } = validate.resolve().parse(args);
      await resolveCase(ctx, agentId, reason, pendingCallbacks);
      return model.snapshot();
    },
  );

  lock.setUpdate(
    reopenUpdate,
    (args) => {
      validate.reopen().parse(args);
      model.assertCanReopen();
    },
    async ({ agentId, reason }) => {
      model.reopen();
      await ctx.record('reopened', { by: 'agent', agentId, reason });
      return model.snapshot();
    },
  );
}
