import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { RelaisActivities } from '../contracts/activities';
import {
  caseStateQuery,
  claimUpdate,
  ClaimSchema,
  customerMessageSignal,
  replyUpdate,
  ReplySchema,
  resolveUpdate,
  ResolveSchema,
  type CaseInput,
  type CaseSnapshot,
} from '../contracts/case';
import { caseClosedSignal } from '../contracts/customer';
import { searchAttributeKeys } from '../contracts/searchAttributes';
import { promiseDeadline } from '../blocks/deadline';
import { runEscalationLadder } from '../blocks/escalationLadder';
import { TimelineRecorder } from '../blocks/timeline';
import { workflowNow } from '../lib/clock';
import { caseRef, renderAcknowledgement } from '../lib/promiseWords';
import { CaseModel } from './caseModel';

const acts = proxyActivities<RelaisActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** One customer case from first message to closure. */
export async function caseWorkflow(input: CaseInput): Promise<CaseSnapshot> {
  const wfId = workflowInfo().workflowId;
  const customer = input.customer;
  const c = new CaseModel(input, workflowNow());
  const timeline = new TimelineRecorder(acts, wfId, customer.customerId, input.caseId);

  const syncTask = async () => {
    const task = c.task(workflowNow());
    upsertSearchAttributes([
      { key: searchAttributeKeys.status, value: c.status },
      { key: searchAttributeKeys.channel, value: c.channel },
      { key: searchAttributeKeys.priority, value: c.priority },
      { key: searchAttributeKeys.queue, value: c.queue },
    ]);
    if (task) await acts.syncTask(task);
  };

  setHandler(caseStateQuery, () => c.snapshot());

  setHandler(customerMessageSignal, async (message) => {
    const { duplicate, switchedFrom } = c.addMessage(message);
    if (duplicate) return;
    if (switchedFrom)
      await timeline.record('channel-switch', {
        from: switchedFrom,
        to: message.channel,
        messageId: message.messageId,
      });
    await timeline.record('message-received', {
      messageId: message.messageId,
      channel: message.channel,
      subject: message.subject,
      text: message.text,
    });
    await syncTask();
  });

  setHandler(
    claimUpdate,
    async ({ agentId }) => {
      c.claim(agentId);
      await timeline.record('claimed', { agentId });
      await syncTask();
      return c.snapshot();
    },
    { validator: (args) => c.assertCanClaim(ClaimSchema.parse(args).agentId) },
  );

  setHandler(
    replyUpdate,
    async ({ agentId, text, channel }) => {
      const now = workflowNow();
      const first = c.reply(agentId, now);
      const on = channel ?? c.channel;
      const replySeq = c.seq;
      await acts.sendMessage({
        key: `${wfId}:reply:${replySeq}`,
        caseId: c.caseId,
        customerId: customer.customerId,
        channel: on,
        kind: 'reply',
        to: customer.email ?? customer.phone ?? customer.handle,
        lang: customer.lang,
        text,
      });
      await timeline.record('replied', { agentId, channel: on, text });
      if (first && c.dueAt)
        await timeline.record('promise-met', {
          dueAt: c.dueAt.toISOString(),
          marginMinutes: Math.round((c.dueAt.getTime() - now.getTime()) / 60_000),
        });
      await syncTask();
      return c.snapshot();
    },
    { validator: (args) => c.assertCanReply(ReplySchema.parse(args).agentId) },
  );

  setHandler(
    resolveUpdate,
    async ({ agentId, reason }) => {
      c.resolve(agentId);
      await timeline.record('resolved', { agentId, reason });
      await syncTask();
      return c.snapshot();
    },
    { validator: (args) => c.assertCanResolve(ResolveSchema.parse(args).agentId) },
  );

  upsertSearchAttributes([{ key: searchAttributeKeys.customerId, value: customer.customerId }]);
  const first = input.firstMessage;
  await timeline.record('case-opened', {
    messageId: first.messageId,
    channel: first.channel,
    subject: first.subject,
    text: first.text,
  });

  const { decision, calendar } = await acts.decideCase({
    caseId: c.caseId,
    customer,
    message: first,
    previousChannel: null,
    channelSwitches: 0,
    minutesWaiting: 0,
    reason: 'initial',
  });
  const promise = decision.promise;
  const dueAt = promiseDeadline(
    c.openedAt,
    promise.firstResponseMinutes,
    promise.businessHours,
    calendar,
  );
  c.applyDecision(decision, dueAt);
  await timeline.record('decided', {
    ruleSetId: decision.ruleSetId,
    ruleSetVersion: decision.ruleSetVersion,
    priority: decision.priority,
    queue: decision.queue,
    outputs: decision.explanation.outputs,
    dueAt: dueAt.toISOString(),
  });

  const ackText = renderAcknowledgement({
    name: customer.name,
    lang: customer.lang,
    timezone: customer.timezone,
    firstResponseMinutes: promise.firstResponseMinutes,
    businessHours: promise.businessHours,
    dueAt,
    caseRef: caseRef(c.caseId),
  });
  await acts.sendMessage({
    key: `${wfId}:acknowledgement`,
    caseId: c.caseId,
    customerId: customer.customerId,
    channel: first.channel,
    kind: 'acknowledgement',
    to: customer.email ?? customer.phone ?? customer.handle,
    lang: customer.lang,
    text: ackText,
  });
  c.setStatus('acknowledged');
  await timeline.record('acknowledged', { channel: first.channel, text: ackText });

  if (c.status === 'acknowledged') c.setStatus('queued');
  await syncTask();
  await timeline.record('task-created', { queue: c.queue, priority: c.priority });

  await runEscalationLadder({
    ladder: decision.escalation,
    startedAt: c.openedAt,
    dueAt,
    isMet: () => c.firstResponseAt !== null || c.status === 'resolved',
    onWarning: () => timeline.record('promise-warning', { dueAt: dueAt.toISOString() }),
    onLevel: async (level, index) => {
      c.escalate(level.boostPriority, level.moveToQueue);
      await timeline.record('escalated', {
        level: index + 1,
        priority: c.priority,
        queue: c.queue,
        notifySupervisor: level.notifySupervisor,
      });
      await syncTask();
    },
  });

  await condition(() => c.status === 'resolved');
  c.setStatus('closed');
  await syncTask();
  await timeline.record('closed', {});
  await condition(allHandlersFinished);
  await getExternalWorkflowHandle(input.customerWorkflowId).signal(caseClosedSignal, {
    caseId: c.caseId,
  });
  return c.snapshot();
}
