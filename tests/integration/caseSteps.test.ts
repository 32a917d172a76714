import { describe, expect, it } from 'vitest';
import { channels } from '../../rules/model/channel';
import { createActivities } from '../../worker/activities/createActivities';
import { ChannelAdapters, type ChannelAdapter } from '../../worker/channels/adapters';
import { RuleProvider } from '../../worker/rules/ruleProvider';
import type { CaseStep, OutboundMessage } from '../../workflows/contracts/activities';
import type { TimelineEvent } from '../../workflows/contracts/timeline';
import { storeCustomer } from '../support/customers';
import { customerProfile, inboundMessage } from '../support/messages';
import { freshDatabase } from '../support/relaisWorker';

/** A channel provider that records deliveries and fails the first `failures` sends. */
class FlakyProvider implements ChannelAdapter {
  sent: string[] = [];
  constructor(private failures: number) {}
  async send(message: OutboundMessage): Promise<void> {
    if (this.failures-- > 0) throw new Error('provider unavailable');
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

const customer = customerProfile();
const event = (n: number, type: TimelineEvent['type'], data = {}): TimelineEvent => ({
  key: `case-1:event:0000${n}`,
  customerId: customer.customerId,
  caseId: 'case-1',
  type,
  at: new Date().toISOString(),
  data,
});

describe('the light intake activities', () => {
  it('retries a batch of case steps after a failure midway without repeating any step', async () => {
    const provider = new FlakyProvider(1);
    const { mongo, stores, activities } = await setup(provider);
    try {
      const now = new Date().toISOString();
      const steps: CaseStep[] = [
        { kind: 'event', event: event(2, 'decided', { queue: 'billing' }) },
        {
          kind: 'send',
          message: {
            key: 'case-1:send-acknowledgement:00001',
            caseId: 'case-1',
            customerId: customer.customerId,
            channel: 'email',
            kind: 'acknowledgement',
            to: customer.email,
            lang: 'fr',
            text: 'Nous revenons vers vous sous 48 h.',
          },
        },
        { kind: 'event', event: event(3, 'acknowledged') },
        {
          kind: 'task',
          task: {
            taskId: 'case-1',
            kind: 'case',
            caseId: 'case-1',
            customerId: customer.customerId,
            customerName: customer.name,
            status: 'queued',
            channel: 'email',
            priority: 3,
            queue: 'billing',
            skills: [],
            assignee: null,
            subject: 'Facture',
            dueAt: null,
            escalationLevel: 0,
            openedAt: now,
            updatedAt: now,
            seq: 1,
          },
        },
        { kind: 'event', event: event(4, 'task-created') },
      ];
      await expect(activities.runSteps(steps)).rejects.toThrow('provider unavailable');
      // Stopped at the send: the step before it is written, none after.
      expect((await stores.timeline.forCase('case-1')).map((e) => e.type)).toEqual(['decided']);
      expect(await stores.tasks.get('case-1')).toBeNull();

      await activities.runSteps(steps);
      await activities.runSteps(steps);
      const types = (await stores.timeline.forCase('case-1')).map((e) => e.type);
      expect(types).toEqual(['decided', 'acknowledged', 'task-created']);
      expect(provider.sent).toEqual(['case-1:send-acknowledgement:00001']);
      expect(await stores.tasks.get('case-1')).toMatchObject({ status: 'queued', seq: 1 });
      expect((await stores.customerStats.get(customer.customerId))?.openCaseIds).toEqual([
        'case-1',
      ]);
    } finally {
      await mongo.close();
    }
  });

  it('records the opening event before deciding, so the decision counts this contact', async () => {
    const { mongo, stores, activities } = await setup(new FlakyProvider(0));
    try {
      const message = inboundMessage();
      const input = {
        caseId: 'case-1',
        customer,
        message,
        previousChannel: null,
        channelSwitches: 0,
        minutesWaiting: 0,
        reason: 'initial' as const,
        opening: event(1, 'case-opened', { messageId: message.messageId }),
      };
      await activities.decideCase(input);
      await activities.decideCase(input);
      expect((await stores.timeline.forCase('case-1')).map((e) => e.key)).toEqual([
        'case-1:event:00001',
      ]);
      const [stored] = await stores.decisions.forCase('case-1');
      expect(stored?.facts).toMatchObject({ contactsLast7Days: 1, lastContactAt: null });
    } finally {
      await mongo.close();
    }
  });

  it('decides on the last CSAT the profile carries, without reading the customer again', async () => {
    const { mongo, stores, activities } = await setup(new FlakyProvider(0));
    try {
      const decideFor = (profile: typeof customer, caseId: string) =>
        activities.decideCase({
          caseId,
          customer: profile,
          message: inboundMessage(),
          previousChannel: null,
          channelSwitches: 0,
          minutesWaiting: 0,
          reason: 'initial',
        });
      // No customer record at all: the carried value is the only source.
      const carried = customerProfile({ lastCsat: 2 });
      await decideFor(carried, 'case-carried');
      // A profile sent before it was carried: the customer is read, as it used to be.
      const older = customerProfile();
      await storeCustomer(stores, older);
      await stores.customers.setLastCsat(older.customerId, 4);
      await decideFor(older, 'case-older');

      const [fromProfile] = await stores.decisions.forCase('case-carried');
      expect(fromProfile?.facts.lastCsat).toBe(2);
      const [fromStore] = await stores.decisions.forCase('case-older');
      expect(fromStore?.facts.lastCsat).toBe(4);
    } finally {
      await mongo.close();
    }
  });
});
