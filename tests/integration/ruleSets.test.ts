import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../../rules/defaults/defaultRuleSet';
import type { RuleSet } from '../../rules/model/ruleSet';
import type { Mongo } from '../../worker/store/mongo';
import {
  ChecksFailedError,
  ForbiddenError,
  InvalidInputError,
  NoChangesError,
  NotFoundError,
  PublishConflictError,
  RuleSetError,
} from '../../worker/rules/errors';
import type { Actor } from '../../worker/rules/actor';
import { RuleSetService } from '../../worker/rules/ruleSetService';
import { addQueues } from '../support/catalogueFixtures';
import { freshDatabase } from '../support/relaisWorker';

const manager = { id: 'manager', role: 'manager' } as const;
const supervisor = { id: 'supervisor', role: 'supervisor' } as const;
const agent = { id: 'agent', role: 'agent' } as const;

let mongo: Mongo;
let service: RuleSetService;

beforeEach(async () => {
  ({ mongo } = await freshDatabase());
  service = new RuleSetService(mongo.db);
  // Publishing checks the queues rules name against the routing catalogue.
  await addQueues(mongo.db, 'billing-priority', 'billing-concurrent', 'billing-imported');
});

afterEach(async () => {
  await mongo.close();
});

function routeBillingTo(ruleSet: RuleSet, queue: string): RuleSet {
  return {
    ...ruleSet,
    rules: ruleSet.rules.map((rule) =>
      rule.id === 'route-billing'
        ? { ...rule, actions: [{ type: 'route', queue, skills: [] }] }
        : rule,
    ),
  };
}

/** The seeded draft with billing routed elsewhere, saved by the manager. */
async function draftBillingTo(queue: string): Promise<RuleSet> {
  const draft = routeBillingTo(await service.getDraft('default'), queue);
  await service.saveDraft(draft, manager);
  return draft;
}

const reversedKeys = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(reversedKeys)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .reverse()
            .map(([k, v]) => [k, reversedKeys(v)]),
        )
      : value;

const billingQueue = (ruleSet: RuleSet) =>
  ruleSet.rules.find((rule) => rule.id === 'route-billing')?.actions[0];

describe('versions', () => {
  it('starts from the seeded version 1 with an identical draft', async () => {
    expect(await service.listRuleSets()).toEqual([
      expect.objectContaining({
        id: 'default',
        name: defaultRuleSet.name,
        rules: defaultRuleSet.rules.length,
        latestVersion: 1,
        author: 'relais',
        draftDiffers: false,
        publishedAt: expect.any(Date) as Date,
      }),
    ]);
    expect(await service.getDraft('default')).toEqual({ ...defaultRuleSet, version: 0 });
    await expect(service.getDraft('nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('publishes the draft as an immutable numbered version with author, time and comment', async () => {
    const before = Date.now();
    await draftBillingTo('billing-priority');
    expect((await service.listRuleSets())[0]?.draftDiffers).toBe(true);

    const published = await service.publish('default', manager, 'Billing gets its own queue');

    expect(published).toMatchObject({
      ruleSetId: 'default',
      version: 2,
      author: 'manager',
      comment: 'Billing gets its own queue',
      copiedFrom: null,
    });
    expect(published.publishedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect((await service.history('default')).map((v) => [v.version, v.author])).toEqual([
      [2, 'manager'],
      [1, 'relais'],
    ]);
    const v2 = await service.version('default', 2);
    expect(v2.ruleSet.version).toBe(2);
    expect(billingQueue(v2.ruleSet)).toMatchObject({ queue: 'billing-priority' });
    expect(billingQueue((await service.version('default', 1)).ruleSet)).toMatchObject({
      queue: 'billing',
    });
    expect((await service.listRuleSets())[0]).toMatchObject({
      latestVersion: 2,
      author: 'manager',
      draftDiffers: false,
    });
    await expect(service.version('default', 3)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses to publish a draft with static-check errors, with the issues', async () => {
    const draft = await service.getDraft('default');
    const broken = {
      ...draft,
      rules: draft.rules.map((rule) =>
        rule.id === 'route-billing'
          ? {
              ...rule,
              conditions: { all: [{ fact: 'invoiceTotal', operator: 'equal', value: 1 }] },
            }
          : rule,
      ),
    };
    const saved = await service.saveDraft(broken, manager);
    expect(saved.issues).toContainEqual(
      expect.objectContaining({ severity: 'error', code: 'UNKNOWN_FACT', ruleId: 'route-billing' }),
    );

    const refused = await service.publish('default', manager, 'try').catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(ChecksFailedError);
    expect((refused as ChecksFailedError).issues).toEqual(saved.issues);
    expect((refused as Error).message).toContain('route-billing');
    expect((await service.history('default')).map((v) => v.version)).toEqual([1]);
    expect((await service.auditLog('default')).map((e) => e.action)).toEqual(['save-draft']);
  });

  it('refuses a publish without changes or without a comment', async () => {
    await expect(service.publish('default', manager, 'again')).rejects.toBeInstanceOf(
      NoChangesError,
    );
    await draftBillingTo('billing-2');
    const noComment = await service.publish('default', manager, '   ').catch((e: unknown) => e);
    expect(noComment).toBeInstanceOf(InvalidInputError);
    expect((noComment as InvalidInputError).problems).toEqual([
      { path: 'comment', message: 'say why: a comment is required' },
    ]);
    expect((await service.history('default')).length).toBe(1);
  });

  it('gives concurrent publishes one version number: one wins, the others are told why', async () => {
    await draftBillingTo('billing-concurrent');
    // Separate services, as separate designer processes would be.
    const services = Array.from({ length: 8 }, () => new RuleSetService(mongo.db));
    await Promise.all(services.map((s) => s.ensureIndexes()));

    const outcomes = await Promise.allSettled(
      services.map((s, i) => s.publish('default', manager, `publish ${i}`)),
    );

    const won = outcomes.filter((o) => o.status === 'fulfilled');
    expect(won.map((o) => o.value.version)).toEqual([2]);
    for (const lost of outcomes.filter((o) => o.status === 'rejected')) {
      expect([PublishConflictError, NoChangesError]).toContain((lost.reason as object).constructor);
    }
    expect(
      outcomes.some((o) => o.status === 'rejected' && o.reason instanceof PublishConflictError),
    ).toBe(true);
    expect((await service.history('default')).map((v) => v.version)).toEqual([2, 1]);
    const publishes = (await service.auditLog('default')).filter((e) => e.action === 'publish');
    expect(publishes.map((e) => e.version)).toEqual([2]);
  });
});

describe('rollback', () => {
  it('publishes a copy of an older version as a new one and resets the draft to it', async () => {
    await draftBillingTo('billing-priority');
    await service.publish('default', manager, 'Billing gets its own queue');
    await draftBillingTo('billing-unpublished');

    const rolledBack = await service.rollback('default', 1, manager, 'Back to the defaults');

    expect(rolledBack).toMatchObject({ version: 3, copiedFrom: 1, author: 'manager' });
    const v3 = await service.version('default', 3);
    expect(v3.ruleSet).toEqual({ ...defaultRuleSet, version: 3 });
    expect(await service.getDraft('default')).toEqual({ ...defaultRuleSet, version: 0 });
    expect((await service.listRuleSets())[0]).toMatchObject({
      latestVersion: 3,
      draftDiffers: false,
    });
    await expect(service.rollback('default', 3, manager, 'again')).rejects.toBeInstanceOf(
      NoChangesError,
    );
    await expect(service.rollback('default', 9, manager, 'nope')).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(service.rollback('default', 0, manager, 'nope')).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });
});

describe('audit log', () => {
  it('records who did what, when, on which version, with the diff, newest first', async () => {
    await draftBillingTo('billing-priority');
    await service.saveDraft(await service.getDraft('default'), manager); // unchanged: no entry
    await service.publish('default', manager, 'Billing gets its own queue');
    await service.rollback('default', 1, manager, 'Back to the defaults');

    const log = await service.auditLog('default');

    expect(
      log.map((e) => [e.action, e.actor.id, e.version, e.copiedFrom, e.comment, e.diff.ruleIds]),
    ).toEqual([
      ['rollback', 'manager', 3, 1, 'Back to the defaults', ['route-billing']],
      ['publish', 'manager', 2, null, 'Billing gets its own queue', ['route-billing']],
      ['save-draft', 'manager', null, null, null, ['route-billing']],
    ]);
    const [rollback, publish] = log;
    expect(publish?.diff.en).toEqual([expect.stringContaining('billing-priority')]);
    expect(publish?.diff.fr).toEqual([expect.stringMatching(/^Modifiée/)]);
    expect(rollback?.diff.en[0]).toMatch(/billing-priority.*⇒.*billing/);
    expect(rollback!.at.getTime()).toBeGreaterThanOrEqual(publish!.at.getTime());
    expect(await service.auditLog('other')).toEqual([]);
  });
});

describe('roles', () => {
  it('lets only managers edit, import, publish and roll back; others change nothing', async () => {
    const draft = routeBillingTo(await service.getDraft('default'), 'billing-agents');
    const json = await service.exportRuleSet('default', 1);
    for (const actor of [agent, supervisor]) {
      const attempts = [
        service.saveDraft(draft, actor),
        service.importRuleSet(json, actor),
        service.publish('default', actor, 'mine now'),
        service.rollback('default', 1, actor, 'mine now'),
      ];
      for (const attempt of await Promise.allSettled(attempts)) {
        expect(attempt.status).toBe('rejected');
        const reason = (attempt as PromiseRejectedResult).reason as RuleSetError;
        expect(reason).toBeInstanceOf(ForbiddenError);
        expect(reason.code).toBe('FORBIDDEN');
        expect(reason.message).toContain(`${actor.id} (${actor.role}) may not`);
      }
    }
    await expect(
      service.saveDraft(draft, { id: 'root', role: 'admin' } as unknown as Actor),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect(await service.getDraft('default')).toEqual({ ...defaultRuleSet, version: 0 });
    expect(await service.auditLog('default')).toEqual([]);
    expect((await service.history('default')).length).toBe(1);
    // Reading is open to every role: there is no actor to give.
    expect(await service.check('default')).toBeInstanceOf(Array);
  });
});

describe('export and import', () => {
  it('exports pretty JSON in a stable key order, and imports it back as the draft', async () => {
    const exported = await service.exportRuleSet('default');
    expect(exported).toBe(await service.exportRuleSet('default', 1));
    expect(exported.endsWith('}\n')).toBe(true);
    expect(exported.split('\n')[1]).toBe('  "id": "default",');
    expect(JSON.parse(exported)).toEqual({ ...defaultRuleSet, version: 1 });

    const edited = routeBillingTo(JSON.parse(exported) as RuleSet, 'billing-imported');
    // Keys written in another order must not change the export.
    const reordered = JSON.stringify(reversedKeys(edited));
    const imported = await service.importRuleSet(JSON.stringify(edited), manager);
    expect(imported).toMatchObject({ changed: true, ruleSet: { version: 0 } });
    expect(imported.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(JSON.parse(await service.exportRuleSet('default', 'draft'))).toEqual({
      ...edited,
      version: 0,
    });
    expect((await service.diff('default', 1, 'draft', 'en')).changed).toEqual([
      expect.objectContaining({ ruleId: 'route-billing', fields: ['actions'] }),
    ]);
    expect((await service.auditLog('default'))[0]).toMatchObject({
      action: 'import',
      diff: { ruleIds: ['route-billing'] },
    });
    expect(reordered).not.toBe(JSON.stringify(edited));
    expect((await service.importRuleSet(reordered, manager)).changed).toBe(false);

    await service.publish('default', manager, 'imported');
    expect(await service.exportRuleSet('default')).toBe(
      (await service.exportRuleSet('default', 'draft')).replace('"version": 0', '"version": 2'),
    );
  });

  it('imports a rule set of another id as a new draft', async () => {
    const night = { ...defaultRuleSet, id: 'night', name: { fr: 'Nuit', en: 'Night' } };
    await service.importRuleSet(JSON.stringify(night), manager);
    expect(
      (await service.listRuleSets()).map((s) => [s.id, s.latestVersion, s.draftDiffers]),
    ).toEqual([
      ['default', 1, false],
      ['night', null, true],
    ]);
    await expect(service.exportRuleSet('night')).rejects.toBeInstanceOf(NotFoundError);
    expect(await service.history('night')).toEqual([]);
  });

  it('rejects bad JSON and schema errors with their place, and writes nothing', async () => {
    const trailingComma = await service
      .importRuleSet('{\n  "id": "default",\n}', manager)
      .catch((e: unknown) => e);
    expect(trailingComma).toBeInstanceOf(InvalidInputError);
    expect((trailingComma as InvalidInputError).problems[0]?.message).toMatch(/line 3 column 1/);

    const bad = JSON.parse(await service.exportRuleSet('default')) as {
      rules: Record<string, unknown>[];
    };
    bad.rules[1] = {
      ...bad.rules[1],
      conditions: { all: [{ fact: 'channel', operater: 'equal', value: 'sms' }] },
    };
    bad.rules[2] = { ...bad.rules[2], actions: [{ type: 'setPriority', priority: 9 }] };
    const schema = await service
      .importRuleSet(JSON.stringify(bad), manager)
      .catch((e: unknown) => e);

    expect(schema).toBeInstanceOf(InvalidInputError);
    expect((schema as InvalidInputError).problems).toEqual([
      { path: 'rules[1].conditions.all[0].operator', message: expect.any(String) as string },
      { path: 'rules[1].conditions.all[0]', message: 'unknown field(s) "operater"' },
      { path: 'rules[2].actions[0].priority', message: expect.any(String) as string },
    ]);
    expect((schema as Error).message).toContain('rules[2].actions[0].priority');
    expect(await service.getDraft('default')).toEqual({ ...defaultRuleSet, version: 0 });
    expect(await service.auditLog('default')).toEqual([]);
  });
});

describe('diff', () => {
  it('says in plain language what changed between two versions', async () => {
    await draftBillingTo('billing-priority');
    await service.publish('default', manager, 'Billing gets its own queue');

    const en = await service.diff('default', 1, 2, 'en');
    const fr = await service.diff('default', 1, 2);

    expect(en.summary).toEqual([
      expect.stringMatching(/^Changed — .*billing.*⇒.*billing-priority/),
    ]);
    expect(fr.summary).toEqual([expect.stringMatching(/^Modifiée/)]);
    expect((await service.diff('default', 2, 2)).summary).toEqual([]);
    await expect(service.diff('default', 1, 7)).rejects.toBeInstanceOf(NotFoundError);
  });
});
