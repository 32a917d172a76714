import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../rules/calendar/defaultCalendar';
import { decide } from '../../rules/engine/decide';
import { buildFacts } from '../../rules/facts/buildFacts';
import type { Channel } from '../../rules/model/channel';
import type { RuleSet } from '../../rules/model/ruleSet';
import { ChecksFailedError, InvalidInputError } from '../../worker/rules/errors';
import { RuleSetService } from '../../worker/rules/ruleSetService';
import type { Mongo } from '../../worker/store/mongo';
import type { Stores } from '../../worker/store/stores';
import { freshDatabase } from '../support/relaisWorker';

const manager = { id: 'manager', role: 'manager' } as const;
const channels: Channel[] = ['email', 'chat', 'webform', 'phone', 'social'];
const contacts = 60;
const isBilling = (i: number) => i % 3 === 0;

let mongo: Mongo;
let stores: Stores;
let service: RuleSetService;

/** Contact i, decided by the published version 1 and stored as the worker stores decisions. */
async function storeDecisions(): Promise<void> {
  const ruleSet = (await stores.ruleSets.latestPublished('default')) as RuleSet;
  const start = Date.parse('2026-03-10T08:00:00Z');
  for (let i = 0; i < contacts; i++) {
    const receivedAt = new Date(start + i * 60_000);
    const facts = buildFacts({
      message: {
        channel: channels[i % channels.length] as Channel,
        previousChannel: null,
        category: null,
        subject: isBilling(i) ? 'Erreur sur ma facture' : 'Question',
        text: isBilling(i) ? 'Ma facture de mars est fausse.' : 'Bonjour, une petite question.',
        lang: 'fr',
        receivedAt: receivedAt.toISOString(),
        callbackRequested: false,
      },
      customer: { tier: 'standard', segment: 'B2C', lastCsat: null },
      history: { openCases: 0, contactsLast7Days: 0, channelSwitches: 0, minutesWaiting: 0 },
      withinBusinessHours: true,
    });
    await stores.decisions.save({
      _id: `case-${i}:initial:m${i}`,
      caseId: `case-${i}`,
      customerId: `customer-${i}`,
      reason: 'initial',
      facts,
      result: { decision: await decide(ruleSet, facts), calendar: defaultCalendar },
      decidedAt: receivedAt,
    });
  }
}

async function draftBillingTo(queue: string): Promise<void> {
  const draft = await service.getDraft('default');
  await service.saveDraft(
    {
      ...draft,
      rules: draft.rules.map((rule) =>
        rule.id === 'route-billing'
          ? { ...rule, actions: [{ type: 'route', queue, skills: [] }] }
          : rule,
      ),
    },
    manager,
  );
}

/** Billing contacts among the `limit` most recent ones. */
const billingInLast = (limit: number) =>
  Array.from({ length: limit }, (_, k) => contacts - 1 - k).filter(isBilling);

beforeEach(async () => {
  ({ mongo, stores } = await freshDatabase());
  service = new RuleSetService(mongo.db);
  await storeDecisions();
});

afterEach(async () => {
  await mongo.close();
});

describe('backtest on stored decisions', () => {
  it('reports what the draft would change on the last N contacts, with examples and rules', async () => {
    const stored = await stores.decisions.forCase('case-0');
    expect(stored[0]?.result.decision.queue).toBe('billing');
    await draftBillingTo('billing-priority');

    const report = await service.backtest('default', { limit: 30 });

    const billing = billingInLast(30);
    expect(report).toMatchObject({ contacts: 30, changed: billing.length });
    expect(report.outputs.queue.changed).toBe(billing.length);
    expect(report.outputs.priority.changed).toBe(0);
    expect(report.outputs.promise.changed).toBe(0);
    expect(report.outputs.queue.examples).toHaveLength(5);
    for (const example of report.outputs.queue.examples) {
      expect(example).toMatchObject({
        before: 'billing',
        after: 'billing-priority',
        beforeRuleIds: ['route-billing'],
        afterRuleIds: ['route-billing'],
      });
      expect(billing.map((i) => `case-${i}`)).toContain(example.caseId);
    }
  });

  it('compares with the published version, or with the decisions as they were made', async () => {
    await draftBillingTo('billing-v2');
    await service.publish('default', manager, 'billing v2');

    const againstPublished = await service.backtest('default', { limit: contacts });
    const againstStored = await service.backtest('default', { limit: contacts, against: 'stored' });

    expect(againstPublished.changed).toBe(0);
    expect(againstStored.outputs.queue.changed).toBe(billingInLast(contacts).length);
    const fewer = await service.backtest('default', {
      limit: contacts,
      against: 'stored',
      examples: 2,
    });
    expect(fewer.outputs.queue.examples).toHaveLength(2);
    expect(againstStored.outputs.queue.examples[0]).toMatchObject({
      before: 'billing',
      after: 'billing-v2',
    });
  });

  it('refuses a bad limit and a draft that cannot decide', async () => {
    await expect(service.backtest('default', { limit: 0 })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    const draft = await service.getDraft('default');
    await service.saveDraft({ ...draft, rules: draft.rules.slice(0, -1) }, manager);
    const refused = await service.backtest('default', { limit: 10 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ChecksFailedError);
    expect((refused as ChecksFailedError).issues).toContainEqual(
      expect.objectContaining({ code: 'NO_DEFAULT_RULE' }),
    );
  });
});
