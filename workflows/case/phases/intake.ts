import type { Calendar } from '../../../rules/model/calendar';
import type { Decision } from '../../../rules/model/decision';
import type { CaseStep } from '../../contracts/activities';
import type { InboundMessage } from '../../contracts/messages';
import type { TimelineEvent } from '../../contracts/timeline';
import { workflowNow } from '../../lib/clock';
import { caseRef, fillTemplate, renderAcknowledgement } from '../../lib/promiseWords';
import { acts } from '../activities';
import type { CaseContext } from '../caseContext';
import { scheduleCallback } from './callbacks';

export interface IntakeOptions {
  /** Lets a lifecycle start its own promises (e.g. a formal answer in business days). */
  startPromises?: (ctx: CaseContext, decision: Decision, calendar: Calendar, from: Date) => void;
  /** Lets a lifecycle word its own acknowledgement. */
  acknowledgement?: (ctx: CaseContext) => string;
}

/** The manager's template for this channel and language when there is one, else ours. */
function defaultAcknowledgement(ctx: CaseContext, templateText: string | null): string {
  const { model } = ctx;
  const promise = ctx.decision.promise;
  const words = {
    name: model.customer.name,
    lang: model.customer.lang,
    timezone: model.customer.timezone,
    firstResponseMinutes: promise.firstResponseMinutes,
    businessHours: promise.businessHours,
    dueAt: model.dueAt!,
    caseRef: caseRef(model.caseId),
  };
  return templateText ? fillTemplate(templateText, words) : renderAcknowledgement(words);
}

/** A new case needs an agent; a reopened one needs one again. */
const route = (ctx: CaseContext, reason: 'initial' | 'customer-message') =>
  ctx.hold.route(reason === 'initial' ? 'intake' : 'reopen', [], workflowNow());

/**
 * The case-opened event, then the intake. On the light path the event is written by the decision's
 * activity, so a new case runs two activities up to its task instead of six.
 */
export async function openCase(
  ctx: CaseContext,
  data: Record<string, unknown>,
  options: IntakeOptions = {},
): Promise<void> {
  const first = ctx.input.firstMessage;
  if (!ctx.lightIntake) {
    await ctx.record('case-opened', data);
    return intake(ctx, first, 'initial', options);
  }
  return intake(ctx, first, 'initial', options, ctx.timeline.event('case-opened', data));
}

/**
 * The decision and its promise, then the acknowledgement on the customer's channel and the
 * agent task. Used at the start of a case and again when it reopens.
 */
export async function intake(
  ctx: CaseContext,
  message: InboundMessage,
  reason: 'initial' | 'customer-message',
  options: IntakeOptions = {},
  opening?: TimelineEvent,
): Promise<void> {
  const { model } = ctx;
  const now = workflowNow();
  ctx.intakeDone = false;
  const { decision, calendar, ackTemplateText } = await ctx.decide(message, reason, opening);
  model.applyDecision(decision);
  (options.startPromises ?? ((c, d, cal, from) => c.startPromises(d, cal, from)))(
    ctx,
    decision,
    calendar,
    now,
  );
  const decided = {
    ruleSetId: decision.ruleSetId,
    ruleSetVersion: decision.ruleSetVersion,
    priority: decision.priority,
    queue: decision.queue,
    outputs: decision.explanation.outputs,
    dueAt: model.dueAt?.toISOString() ?? null,
    resolutionDueAt: model.resolutionDueAt?.toISOString() ?? null,
  };
  const decidedType = reason === 'initial' ? 'decided' : 'redecided';
  const text = options.acknowledgement
    ? options.acknowledgement(ctx)
    : defaultAcknowledgement(ctx, ackTemplateText ?? null);

  if (ctx.lightIntake) {
    // The router hears of the case first, from this workflow task, while the activity below
    // writes the rest; an assignment back waits for the intake (onRoutedAssignment).
    const routed = ctx.routeAtDecision ? ctx.routeFromWorkflow(route(ctx, reason)) : null;
    // The same events, keys and order as step by step below, written by one activity.
    const steps: CaseStep[] = [
      { kind: 'event', event: ctx.timeline.event(decidedType, decided) },
      { kind: 'send', message: ctx.outbound('acknowledgement', message.channel, text) },
    ];
    model.setStatus('acknowledged');
    steps.push({
      kind: 'event',
      event: ctx.timeline.event('acknowledged', { channel: message.channel, text }),
    });
    model.setStatus('queued');
    ctx.publishSearchAttributes();
    const task = model.task(workflowNow());
    if (task) steps.push({ kind: 'task', task });
    steps.push({
      kind: 'event',
      event: ctx.timeline.event('task-created', { queue: model.queue, priority: model.priority }),
    });
    // Cases from before 'route-at-decision' hand over last, from the activity, by
    // signal-with-start (a router not running yet starts on demand).
    if (ctx.routing && !routed) steps.push({ kind: 'hand-over', handOver: route(ctx, reason) });
    await Promise.all([acts.runSteps(steps), routed]);
  } else {
    await ctx.record(decidedType, decided);
    await ctx.send('acknowledgement', message.channel, text);
    model.setStatus('acknowledged');
    await ctx.record('acknowledged', { channel: message.channel, text });
    model.setStatus('queued');
    await ctx.syncTask();
    await ctx.record('task-created', { queue: model.queue, priority: model.priority });
    await ctx.handOver(route(ctx, reason));
  }
  ctx.intakeDone = true;

  if (message.callbackRequested && model.customer.phone)
    await scheduleCallback(
      ctx,
      message.callbackAt ? new Date(message.callbackAt) : now,
      'requested by the customer',
    );
}
