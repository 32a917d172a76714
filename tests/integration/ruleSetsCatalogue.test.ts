import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Issue } from '../../rules/checks/issue';
import type { RuleSet } from '../../rules/model/ruleSet';
import { ChecksFailedError } from '../../worker/rules/errors';
import { RuleSetService } from '../../worker/rules/ruleSetService';
import type { Mongo } from '../../worker/store/mongo';
import type { Stores } from '../../worker/store/stores';
import { queueDoc, testManager as manager } from '../support/catalogueFixtures';
import { freshDatabase } from '../support/relaisWorker';

let mongo: Mongo;
let stores: Stores;
let service: RuleSetService;

beforeEach(async () => {
  ({ mongo, stores } = await freshDatabase());
  service = new RuleSetService(mongo.db);
});

afterEach(async () => {
  await mongo.close();
});

function routeBilling(ruleSet: RuleSet, queue: string, skills: unknown[]): RuleSet {
  return {
    ...ruleSet,
    rules: ruleSet.rules.map((rule) =>
      rule.id === 'route-billing'
        ? ({ ...rule, actions: [{ type: 'route', queue, skills }] } as RuleSet['rules'][0])
        : rule,
    ),
  };
}

const catalogueIssues = (issues: Issue[]) =>
  issues
    .filter((i) => i.code === 'UNKNOWN_QUEUE' || i.code === 'UNKNOWN_SKILL')
    .map((i) => [i.severity, i.code, i.ruleId]);

describe('rule sets and the routing catalogue', () => {
  it('refuses to publish a rule naming a queue or skill the catalogue does not hold', async () => {
    const draft = routeBilling(await service.getDraft('default'), 'billing-priority', [
      { skill: 'german', minLevel: 2 },
    ]);
    const saved = await service.saveDraft(draft, manager);
    expect(catalogueIssues(saved.issues)).toEqual([
      ['error', 'UNKNOWN_QUEUE', 'route-billing'],
      ['error', 'UNKNOWN_SKILL', 'route-billing'],
    ]);

    const refused = await service.publish('default', manager, 'try').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ChecksFailedError);
    expect(catalogueIssues((refused as ChecksFailedError).issues)).toEqual(
      catalogueIssues(saved.issues),
    );
    expect((refused as Error).message).toContain(
      'The queue "billing-priority" is not in the catalogue',
    );
    expect((await service.history('default')).map((v) => v.version)).toEqual([1]);

    await stores.queues.save(queueDoc('billing-priority'), manager);
    await stores.skills.save({ _id: 'german', labels: { fr: 'Allemand', en: 'German' } }, manager);
    expect(catalogueIssues(await service.check('default'))).toEqual([]);
    const published = await service.publish('default', manager, 'billing has priority');
    expect(published.version).toBe(2);
    const v2 = await service.version('default', 2);
    expect(v2.ruleSet.rules.find((r) => r.id === 'route-billing')?.actions[0]).toEqual({
      type: 'route',
      queue: 'billing-priority',
      skills: [{ skill: 'german', minLevel: 2, optional: false }],
    });
  });

  it('imports a rule set naming unknown ones with warnings, which become errors on publish', async () => {
    const exported = JSON.parse(await service.exportRuleSet('default')) as RuleSet;
    const json = JSON.stringify(routeBilling(exported, 'elsewhere', ['billing', 'klingon']));

    const imported = await service.importRuleSet(json, manager);

    expect(imported.changed).toBe(true);
    expect(catalogueIssues(imported.issues)).toEqual([
      ['warning', 'UNKNOWN_QUEUE', 'route-billing'],
      ['warning', 'UNKNOWN_SKILL', 'route-billing'],
    ]);
    expect(imported.issues.find((i) => i.code === 'UNKNOWN_SKILL')?.message).toEqual({
      fr: expect.stringContaining('« klingon »') as string,
      en: expect.stringContaining('"klingon"') as string,
    });
    expect(catalogueIssues(await service.check('default'))).toEqual([
      ['error', 'UNKNOWN_QUEUE', 'route-billing'],
      ['error', 'UNKNOWN_SKILL', 'route-billing'],
    ]);
    await expect(service.publish('default', manager, 'imported')).rejects.toBeInstanceOf(
      ChecksFailedError,
    );
  });

  it('publishes the seeded rule set, whose skills are plain names, against the seeded catalogue', async () => {
    expect(catalogueIssues(await service.check('default'))).toEqual([]);
    const draft = await service.getDraft('default');
    await service.saveDraft({ ...draft, name: { fr: 'Règles', en: 'Rules' } }, manager);
    expect((await service.publish('default', manager, 'renamed')).version).toBe(2);
  });
});
