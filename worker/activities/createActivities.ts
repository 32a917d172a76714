import { ApplicationFailure } from '@temporalio/common';
import { isWithinBusinessHours } from '../../rules/calendar/businessHours';
import { decide } from '../../rules/engine/decide';
import { buildFacts } from '../../rules/facts/buildFacts';
import type {
  CaseDecision,
  DecideInput,
  OutboundMessage,
  RelaisActivities,
  SupervisorNotification,
  SurveyScore,
} from '../../workflows/contracts/activities';
import type { Task } from '../../workflows/contracts/task';
import { pickVariant } from '../../workflows/contracts/templates';
import type { TimelineEvent } from '../../workflows/contracts/timeline';
import type { ChannelAdapters } from '../channels/adapters';
import type { RuleProvider } from '../rules/ruleProvider';
import { isContactEvent } from '../store/customerStatsModel';
import type { Stores } from '../store/stores';

export interface ActivityDeps {
  stores: Stores;
  rules: RuleProvider;
  channels: ChannelAdapters;
}

/** Builds the activity implementations around injected stores, rules and channel adapters. */
export function createActivities({ stores, rules, channels }: ActivityDeps): RelaisActivities {
  return {
    async decideCase(input: DecideInput): Promise<CaseDecision> {
      const { customer, message } = input;
      const receivedAt = new Date(message.receivedAt);
      // Reads by _id only: counting tasks and events here would scan whole collections.
      const [stored, history] = await Promise.all([
        stores.customers.get(customer.customerId),
        stores.customerStats.historyAt(customer.customerId, receivedAt, message.messageId),
      ]);
      const ruleSet = await rules.published(input.ruleSetVersion);
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
          lastCsat: stored?.lastCsat ?? null,
        },
        history: {
          ...history,
          channelSwitches: input.channelSwitches,
          minutesWaiting: input.minutesWaiting,
        },
        withinBusinessHours: isWithinBusinessHours(
          await stores.calendars.get('default'),
          receivedAt,
        ),
      });
      const decision = await decide(ruleSet, facts);
      const [calendar, template] = await Promise.all([
        stores.calendars.get(decision.promise.calendarId),
        stores.templates.get(decision.ackTemplate),
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
    },

    async sendMessage(message: OutboundMessage): Promise<void> {
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
    },

    async syncTask(task: Task): Promise<void> {
      await stores.tasks.upsert(task);
      if (task.kind === 'case') await stores.customerStats.syncCase(task.customerId, task.caseId);
    },

    async recordEvent(event: TimelineEvent): Promise<void> {
      await stores.timeline.append(event);
      // After the event: a retry of a failed counter update finds the event stored and counts it.
      if (isContactEvent(event.type))
        await stores.customerStats.recordContact(event.customerId, {
          key: event.key,
          at: new Date(event.at),
          messageId: typeof event.data.messageId === 'string' ? event.data.messageId : null,
        });
    },

    async notifySupervisor(notification: SupervisorNotification): Promise<void> {
      await stores.notifications.add(notification);
    },

    async recordSurveyScore({ customerId, kind, score }: SurveyScore): Promise<void> {
      // lastCsat is on the CSAT scale (1–5); an NPS answer is mapped onto it.
      const csat = kind === 'csat' ? score : Math.max(1, Math.round((score / 10) * 4 + 1));
      await stores.customers.setLastCsat(customerId, csat);
    },
  };
}
