import { describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../../rules/defaults/defaultRuleSet';
import { channels } from '../../rules/model/channel';
import { createActivities } from '../../worker/activities/createActivities';
import { ChannelAdapters, type ChannelAdapter } from '../../worker/channels/adapters';
import { RuleProvider } from '../../worker/rules/ruleProvider';
import type { OutboundMessage } from '../../workflows/contracts/activities';
import type { Task } from '../../workflows/contracts/task';
import { customerProfile, inboundMessage } from '../support/messages';
import { freshDatabase } from '../support/relaisWorker';

/** A channel provider that records deliveries and can fail the first ones. */
class RecordingProvider implements ChannelAdapter {
  sent: string[] = [];
  constructor(private failures = 0) {}
  async send(message: OutboundMessage): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('provider unavailable');
    }
    this.sent.push(message.key);
  }
}

async function setup(provider: ChannelAdapter) {
  const { mongo, stores } = await freshDatabase();
  const activities = createActivities({
    stores,
    rules: new RuleProvider(stores.ruleSets, 'default'),
    channels: new ChannelAdapters(Object.fromEntries(channels.map((c) => [c, provider]))),
  });
  return { mongo, stores, activities };
}

const message = (key: string): OutboundMessage => ({
  key,
  caseId: 'case-1',
  customerId: 'cust-1',
  channel: 'email',
  kind: 'acknowledgement',
  to: 'claire@exemple.fr',
  lang: 'fr',
  text: 'Nous revenons vers vous sous 48 h.',
});

describe('activities are idempotent', () => {
  it('sends a message once however often the activity is retried', async () => {
    const provider = new RecordingProvider();
    const { mongo, stores, activities } = await setup(provider);
    await activities.sendMessage(message('case-1:send-acknowledgement:00001'));
    await activities.sendMessage(message('case-1:send-acknowledgement:00001'));
    expect(provider.sent).toEqual(['case-1:send-acknowledgement:00001']);
    const outbox = await stores.outbox.forCase('case-1');
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ status: 'sent', kind: 'acknowledgement' });
    await mongo.close();
  });

  it('keeps a failed send pending and sends it on the retry', async () => {
    const provider = new RecordingProvider(1);
    const { mongo, stores, activities } = await setup(provider);
    await expect(activities.sendMessage(message('k1'))).rejects.toThrow('provider unavailable');
    expect((await stores.outbox.forCase('case-1'))[0]?.status).toBe('pending');
    await activities.sendMessage(message('k1'));
    expect(provider.sent).toEqual(['k1']);
    expect((await stores.outbox.forCase('case-1'))[0]?.status).toBe('sent');
    await mongo.close();
  });

  it('writes a timeline event once per key', async () => {
    const { mongo, stores, activities } = await setup(new RecordingProvider());
    const event = {
      key: 'case-1:event:00001',
      customerId: 'cust-1',
      caseId: 'case-1',
      type: 'case-opened' as const,
      at: new Date().toISOString(),
      data: { channel: 'email' },
    };
    await activities.recordEvent(event);
    await activities.recordEvent({ ...event, data: { channel: 'chat' } });
    const events = await stores.timeline.forCase('case-1');
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toEqual({ channel: 'email' });
    await mongo.close();
  });

  it('never lets a late retry of an older task projection overwrite a newer one', async () => {
    const { mongo, stores, activities } = await setup(new RecordingProvider());
    const task = (seq: number, status: Task['status']): Task => ({
      taskId: 'case-1',
      kind: 'case',
      caseId: 'case-1',
      customerId: 'cust-1',
      customerName: 'Claire',
      status,
      channel: 'email',
      priority: 3,
      queue: 'general',
      skills: [],
      assignee: null,
      subject: 'Colis',
      dueAt: null,
      escalationLevel: 0,
      openedAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
      seq,
    });
    await activities.syncTask(task(5, 'assigned'));
    await activities.syncTask(task(3, 'queued'));
    expect((await stores.tasks.get('case-1'))?.status).toBe('assigned');
    await activities.syncTask(task(6, 'resolved'));
    expect((await stores.tasks.get('case-1'))?.status).toBe('resolved');
    await mongo.close();
  });

  it('decides with the published rules and keeps the facts with the decision', async () => {
    const { mongo, stores, activities } = await setup(new RecordingProvider());
    const customer = customerProfile({ tier: 'premium' });
    const input = {
      caseId: 'case-9',
      customer,
      message: inboundMessage({ channel: 'email', text: 'C’est inadmissible, remboursez-moi.' }),
      previousChannel: null,
      channelSwitches: 0,
      minutesWaiting: 0,
      reason: 'initial' as const,
    };
    const { decision, calendar } = await activities.decideCase(input);
    await activities.decideCase(input);
    expect(decision.ruleSetVersion).toBe(1);
    expect(calendar.id).toBe(decision.promise.calendarId);
    const stored = await stores.decisions.forCase('case-9');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.facts).toMatchObject({ customerTier: 'premium', channel: 'email' });
    expect(stored[0]?.facts.angerScore).toBeGreaterThan(0);
    await mongo.close();
  });

  it("gives the rules the customer's history, so a rule on the previous contact fires", async () => {
    const { mongo, stores, activities } = await setup(new RecordingProvider());
    const ruleSet = structuredClone(defaultRuleSet);
    ruleSet.rules.unshift({
      id: 'repeat-contact',
      name: { fr: 'Recontact dans l’heure', en: 'Contact again within the hour' },
      description: { fr: '', en: '' },
      enabled: true,
      isDefault: false,
      conditions: { all: [{ fact: 'lastContactAt', operator: 'withinLast', value: 60 }] },
      actions: [{ type: 'route', queue: 'repeat-contacts', skills: [] }],
    });
    await stores.ruleSets.publish(ruleSet, { author: 'test', comment: 'repeat contacts' });
    const customer = customerProfile();
    const first = inboundMessage({ receivedAt: new Date(Date.now() - 30 * 60_000).toISOString() });
    const second = inboundMessage();
    // What the case workflows record around each decision: the contact, then the task.
    const contact = (caseId: string, messageId: string, at: string) =>
      activities.recordEvent({
        key: `${caseId}:event:00001`,
        customerId: customer.customerId,
        caseId,
        type: 'case-opened',
        at,
        data: { messageId, channel: 'webform' },
      });
    const decide = (caseId: string, message: typeof first) =>
      activities.decideCase({
        caseId,
        customer,
        message,
        previousChannel: null,
        channelSwitches: 0,
        minutesWaiting: 0,
        reason: 'initial',
      });

    await contact('case-a', first.messageId, first.receivedAt);
    const before = await decide('case-a', first);
    expect(before.decision.queue).not.toBe('repeat-contacts');
    await activities.syncTask({
      taskId: 'case-a',
      kind: 'case',
      caseId: 'case-a',
      customerId: customer.customerId,
      customerName: customer.name,
      status: 'queued',
      channel: 'webform',
      priority: before.decision.priority,
      queue: before.decision.queue,
      skills: [],
      assignee: null,
      subject: first.subject ?? '',
      dueAt: null,
      escalationLevel: 0,
      openedAt: first.receivedAt,
      updatedAt: first.receivedAt,
      seq: 1,
    });

    await contact('case-b', second.messageId, second.receivedAt);
    const after = await decide('case-b', second);
    expect(after.decision.queue).toBe('repeat-contacts');
    const [decided] = await stores.decisions.forCase('case-b');
    expect(decided?.facts).toMatchObject({
      lastContactAt: first.receivedAt,
      openCases: 1,
      contactsLast7Days: 2,
    });
    await mongo.close();
  });
});
