import { execFile } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../launcher/paths';
import { defaultCalendar } from '../../rules/calendar/defaultCalendar';
import { decide } from '../../rules/engine/decide';
import { buildFacts } from '../../rules/facts/buildFacts';
import type { Channel } from '../../rules/model/channel';
import type { RuleSet } from '../../rules/model/ruleSet';
import { ChecksFailedError, InvalidInputError } from '../../worker/rules/errors';
import { RuleSetService } from '../../worker/rules/ruleSetService';
import type { Mongo } from '../../worker/store/mongo';
import type { Stores } from '../../worker/store/stores';
import { addQueues } from '../support/catalogueFixtures';
import { freshDatabase } from '../support/relaisWorker';

const manager = { id: 'manager', role: 'manager' } as const;
const channels: Channel[] = ['email', 'chat', 'webform', 'phone', 'social'];
const contacts = 60;
const isBilling = (i: number) => i % 3 === 0;

let mongo: Mongo;
let stores: Stores;
let service: RuleSetService;
let uri: string;
const start = Date.parse('2026-03-10T08:00:00Z');

/** Case i's decision on one message, by the published version, stored as the worker stores it. */
async function storeDecision(
  i: number,
  billing: boolean,
  receivedAt: Date,
  reason: 'initial' | 'customer-message',
): Promise<void> {
  const ruleSet = (await stores.ruleSets.latestPublished('default')) as RuleSet;
  const facts = buildFacts({
    message: {
      channel: channels[i % channels.length] as Channel,
      previousChannel: null,
      category: null,
      subject: billing ? 'Erreur sur ma facture' : 'Question',
      text: billing ? 'Ma facture de mars est fausse.' : 'Bonjour, une petite question.',
      lang: 'fr',
      receivedAt: receivedAt.toISOString(),
      callbackRequested: false,
    },
    customer: { tier: 'standard', segment: 'B2C', lastCsat: null },
    history: { openCases: 0, contactsLast7Days: 0, channelSwitches: 0, minutesWaiting: 0 },
    withinBusinessHours: true,
  });
  await stores.decisions.save({
    _id: `case-${i}:${reason}:m${receivedAt.getTime()}`,
    caseId: `case-${i}`,
    customerId: `customer-${i}`,
    reason,
    facts,
    result: { decision: await decide(ruleSet, facts), calendar: defaultCalendar },
    decidedAt: receivedAt,
  });
}

/** Contact i, decided by the published version 1, one minute apart. */
async function storeDecisions(): Promise<void> {
  for (let i = 0; i < contacts; i++)
    await storeDecision(i, isBilling(i), new Date(start + i * 60_000), 'initial');
}

/**
 * A threaded follow-up on each of the `count` oldest billing cases, after every first message,
 * that is not about billing: each case is decided again, and its latest decision is not billing.
 */
async function redecideOldestBillingCases(count: number): Promise<number[]> {
  const redecided = Array.from({ length: contacts }, (_, i) => i)
    .filter(isBilling)
    .slice(0, count);
  for (const [k, i] of redecided.entries())
    await storeDecision(i, false, new Date(start + (contacts + k) * 60_000), 'customer-message');
  return redecided;
}

/** The rules CLI as `npm run rules` starts it, in its own process, on the test database. */
function rulesCli(args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'worker/cli/rules-cli.ts', ...args],
      { cwd: repoRoot, env: { ...process.env, MONGODB_URI: uri } },
      (error, stdout) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
    );
  });
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
  ({ mongo, stores, uri } = await freshDatabase());
  service = new RuleSetService(mongo.db);
  // Publishing checks the queues rules name against the routing catalogue.
  await addQueues(mongo.db, 'billing-priority', 'billing-v2');
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
    expect(report).toMatchObject({ cases: 30, changed: billing.length });
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

  it('replays each case once, on its latest decision, when a follow-up decided it again', async () => {
    const redecided = await redecideOldestBillingCases(4);
    await draftBillingTo('billing-priority');

    const all = await service.backtest('default', { limit: 1000, examples: 100 });

    // 64 stored decisions, 60 cases; the re-decided cases are no longer billing.
    const billing = billingInLast(contacts).filter((i) => !redecided.includes(i));
    expect(all).toMatchObject({ cases: contacts, changed: billing.length });
    const examples = all.outputs.queue.examples.map((e) => e.caseId);
    expect(new Set(examples).size).toBe(examples.length);
    expect(examples.sort()).toEqual(billing.map((i) => `case-${i}`).sort());

    // The most recently decided cases are the re-decided ones, each counted once.
    const last = await service.backtest('default', { limit: 4 });
    expect(last).toMatchObject({ cases: 4, changed: 0 });
  });

  it('prints the CLI backtest in cases, not decisions', async () => {
    await redecideOldestBillingCases(4);
    await draftBillingTo('billing-priority');

    const run = await rulesCli(['backtest', '--limit', '1000']);

    expect(run.code).toBe(0);
    const billing = billingInLast(contacts).length - 4;
    expect(run.stdout).toContain(`${billing} of ${contacts} cases would change`);
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
