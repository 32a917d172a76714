import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { isWithinBusinessHours } from '../../rules/calendar/businessHours';
import { decide } from '../../rules/engine/decide';
import { buildFacts } from '../../rules/facts/buildFacts';
import type {
  CaseDecision,
  CaseStep,
  DecideInput,
  HandOver,
  OutboundMessage,
  RelaisActivities,
  SupervisorNotification,
  SurveyScore,
} from '../../workflows/contracts/activities';
import type { RouterActivities } from '../../workflows/contracts/routing';
import type { Task } from '../../workflows/contracts/task';
import { pickVariant } from '../../workflows/contracts/templates';
import type { TimelineEvent } from '../../workflows/contracts/timeline';
import type { ChannelAdapters } from '../channels/adapters';
import { createConsentActivities } from '../privacy/consentActivities';
import { type StatusLinkSettings, withStatusLink } from '../links/statusLinkText';
import type { RuleProvider } from '../rules/ruleProvider';
import { handOver } from '../routing/handOver';
import { createRouterActivities } from '../routing/routerActivities';
import { isContactEvent } from '../store/customerStatsModel';
import type { Stores } from '../store/stores';
import { ReferenceCache } from './referenceCache';
import { withRetryJitter } from './retryJitter';

export interface ActivityDeps {
  stores: Stores;
  rules: RuleProvider;
  channels: ChannelAdapters;
  /** Acknowledgements and surveys then carry the customer's status link. */
  statusLink?: StatusLinkSettings;
}

/** Every activity the worker runs: the cases' and the router's. */
export type WorkerActivities = RelaisActivities & RouterActivities;

/** Builds the activity implementations around injected stores, rules and channel adapters. */
export function createActivities({
  stores,
  rules,
  channels,
  statusLink,
}: ActivityDeps): WorkerActivities {
  const references = new ReferenceCache(stores);

  async function recordEvent(event: TimelineEvent): Promise<void> {
    await stores.timeline.append(event);
    if (event.type === 'case-opened') await stores.search.indexCase(event);
    // After the event: a retry of a failed counter update finds the event stored and counts it.
    if (isContactEvent(event.type)) {
      await stores.customerStats.recordContact(event.customerId, {
        key: event.key,
        at: new Date(event.at),
        messageId: typeof event.data.messageId === 'string' ? event.data.messageId : null,
      });
      await stores.search.touchCustomer(event.customerId, new Date(event.at));
    }
  }

  async function sendMessage(asWritten: OutboundMessage): Promise<void> {
    // The outbox keeps the text as sent, link included: the case page shows what the customer got.
    const message = statusLink ? withStatusLink(asWritten, statusLink) : asWritten;
    const adapter = channels.for(message.channel);
    if (!adapter)
      throw ApplicationFailure.nonRetryable(
        `no adapter sends on channel ${message.channel}`,
        'UnsupportedChannel',
      );
    // At least once: a message marked sent is never sent again, but a crash between send and
    // markSent resends it, with the same key-derived Message-ID so that mail systems can drop
    // the copy. The outbox counts attempts, so such a resend is flagged (README "Sending").
    const attempt = await stores.outbox.beginAttempt(message);
    if (attempt.alreadySent) return;
    if (attempt.unconfirmed > 0)
      console.warn(
        `[worker] resending ${message.key}: an earlier attempt ended without an outcome and may have delivered it`,
      );
    try {
      await adapter.send(message);
    } catch (err) {
      await stores.outbox.markFailed(message.key);
      throw err;
    }
    await stores.outbox.markSent(message.key);
  }

  async function syncTask(task: Task): Promise<void> {
    await stores.tasks.upsert(task);
    if (task.kind === 'case') await stores.customerStats.syncCase(task.customerId, task.caseId);
  }

  async function decideCase(input: DecideInput): Promise<CaseDecision> {
    const { customer, message } = input;
    const receivedAt = new Date(message.receivedAt);
    // Counted before the history facts are read, as when it was an activity of its own.
    if (input.opening) await recordEvent(input.opening);
    // Reads by _id only: counting tasks and events here would scan whole collections. The
    // profile carries lastCsat; only one sent before it did makes the customer be read again.
    const [lastCsat, history, ruleSet, defaultCalendar] = await Promise.all([
      customer.lastCsat !== undefined
        ? customer.lastCsat
        : stores.customers.get(customer.customerId).then((stored) => stored?.lastCsat ?? null),
      stores.customerStats.historyAt(customer.customerId, receivedAt, message.messageId),
      rules.published(input.ruleSetVersion),
      references.calendar('default'),
    ]);
    const facts = buildFacts({
      message: {
        channel: message.channel,
        previousChannel: input.previousChannel,
        category: message.category,
        subject: message.subject ?? '',
        text: message.text,
        lang: message.lang,
        receivedAt: message.receivedAt,
        callbackRequested: message.callbackRequested,
      },
      customer: {
        tier: customer.tier,
        segment: customer.segment,
        lastCsat,
      },
      history: {
        ...history,
        channelSwitches: input.channelSwitches,
        minutesWaiting: input.minutesWaiting,
      },
      withinBusinessHours: isWithinBusinessHours(defaultCalendar, receivedAt),
    });
    const decision = await decide(ruleSet, facts);
    const [calendar, template] = await Promise.all([
      references.calendar(decision.promise.calendarId),
      references.template(decision.ackTemplate),
    ]);
    const ackTemplateText = pickVariant(template, message.channel, customer.lang)?.text ?? null;
    const result = { decision, calendar, ackTemplateText };
    await stores.decisions.save({
      _id: `${input.caseId}:${input.reason}:${message.messageId}`,
      caseId: input.caseId,
      customerId: customer.customerId,
      reason: input.reason,
      facts,
      result,
      decidedAt: new Date(),
    });
    return result;
  }

  async function handOverWork(handOvers: HandOver[]): Promise<void> {
    // The worker's own client and task queue: the router runs where the cases run, and no second
    // connection to Temporal is needed.
    const { client, info } = Context.current();
    await handOver(client, info.taskQueue, handOvers);
  }

  async function runSteps(steps: CaseStep[]): Promise<void> {
    // In order, each idempotent by its key: a retry after a failure midway redoes nothing done.
    for (const step of steps) {
      if (step.kind === 'event') await recordEvent(step.event);
      else if (step.kind === 'send') await sendMessage(step.message);
      else if (step.kind === 'task') await syncTask(step.task);
      else await handOverWork([step.handOver]);
    }
  }

  // The router's activities keep the router's own retry schedule, without the cases' jitter.
  const router = createRouterActivities({ stores });
  const cases = withRetryJitter({
    decideCase,
    sendMessage,
    syncTask,
    recordEvent,
    runSteps,
    handOverWork,

    async notifySupervisor(notification: SupervisorNotification): Promise<void> {
      await stores.notifications.add(notification);
    },

    async recordSurveyScore({ customerId, kind, score }: SurveyScore): Promise<void> {
      // lastCsat is on the CSAT scale (1–5); an NPS answer is mapped onto it.
      const csat = kind === 'csat' ? score : Math.max(1, Math.round((score / 10) * 4 + 1));
      await stores.customers.setLastCsat(customerId, csat);
    },

    ...createConsentActivities(stores, statusLink?.baseUrl ?? 'http://localhost:3000'),
  });
  return { ...cases, ...router };
}
