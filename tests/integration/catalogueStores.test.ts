import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SkillOutput } from '../../rules/model/skillOutput';
import type { Actor } from '../../worker/rules/actor';
import { ForbiddenError, InvalidInputError } from '../../worker/rules/errors';
import { RuleSetService } from '../../worker/rules/ruleSetService';
import { seedIfEmpty } from '../../worker/seed/seed';
import { demoCategories } from '../../worker/seed/demoCategories';
import { demoQueues, demoSkills } from '../../worker/seed/demoCatalogue';
import type { Mongo } from '../../worker/store/mongo';
import type { Stores } from '../../worker/store/stores';
import { queueDoc, testManager as manager } from '../support/catalogueFixtures';
import { freshDatabase } from '../support/relaisWorker';

const agent: Actor = { id: 'agent', role: 'agent' };
const supervisor: Actor = { id: 'supervisor', role: 'supervisor' };

let mongo: Mongo;
let stores: Stores;

beforeEach(async () => {
  ({ mongo, stores } = await freshDatabase());
});

afterEach(async () => {
  await mongo.close();
});

/** The seeded draft with one rule routed to `queue` asking for `skills`, saved by the manager. */
async function draftRouting(ruleId: string, queue: string, skills: SkillOutput[]) {
  const service = new RuleSetService(mongo.db);
  const draft = await service.getDraft('default');
  const rules = draft.rules.map((rule) =>
    rule.id === ruleId ? { ...rule, actions: [{ type: 'route', queue, skills }] } : rule,
  );
  await service.saveDraft({ ...draft, rules }, manager);
  return service;
}

describe('catalogue stores', () => {
  it('start from the demo catalogue, seeded once and audited as the work of Relais', async () => {
    const seeded = await stores.catalogueAudit.recent({}, 100);
    // One audit entry per queue, skill and category, and one for the chat widget's demo site.
    const seedCount = demoQueues.length + demoSkills.length + demoCategories.length + 1;
    expect(seeded).toHaveLength(seedCount);
    expect(seeded.every((e) => e.actor.id === 'relais' && e.action === 'create')).toBe(true);
    await stores.queues.save(queueDoc('night'), manager);

    const lines: string[] = [];
    await seedIfEmpty(stores, (line) => lines.push(line));

    expect(lines).toEqual([]);
    expect(await stores.catalogueAudit.recent({}, 100)).toHaveLength(seedCount + 1);
    expect((await stores.queues.ids()).sort()).toEqual(
      ['b2b-desk', 'billing', 'escalations', 'general', 'logistics', 'night', 'sales'].sort(),
    );
  });

  it('create and update queues, skills and teams, auditing each change with its diff', async () => {
    const vip = queueDoc('vip-desk', { labels: { fr: 'Desk VIP', en: 'VIP desk' } });
    expect(await stores.queues.save(vip, manager, true)).toMatchObject({
      created: true,
      changed: true,
    });
    const faster = { ...vip, offerTimeoutSeconds: 45, autoAccept: true };
    expect(await stores.queues.save(faster, manager)).toMatchObject({
      created: false,
      changed: true,
    });
    expect(await stores.queues.save(faster, manager)).toMatchObject({ changed: false });
    expect(await stores.queues.get('vip-desk')).toEqual(faster);

    await stores.skills.save({ _id: 'german', labels: { fr: 'Allemand', en: 'German' } }, manager);
    await stores.teams.save(
      { _id: 'night', labels: { fr: 'Nuit', en: 'Night' }, members: ['agent', 'lucas'] },
      manager,
    );
    expect(await stores.teams.ofMember('lucas')).toEqual([
      { _id: 'night', labels: { fr: 'Nuit', en: 'Night' }, members: ['agent', 'lucas'] },
    ]);
    expect((await stores.skills.list()).map((s) => s._id)).toContain('german');

    const queueLog = await stores.catalogueAudit.recent({ kind: 'queue', targetId: 'vip-desk' });
    expect(queueLog.map((e) => [e.action, e.actor.id])).toEqual([
      ['update', 'manager'],
      ['create', 'manager'],
    ]);
    expect(queueLog[0]!.diff).toEqual({
      fr: ["Délai de l'offre (s) : 20 ⇒ 45", 'Acceptation automatique : non ⇒ oui'],
      en: ['Offer timeout (s): 20 ⇒ 45', 'Auto-accept: no ⇒ yes'],
    });
    expect(queueLog[1]!.diff.en).toContain('English label: VIP desk');
    expect((await stores.catalogueAudit.recent({ kind: 'team' }))[0]).toMatchObject({
      action: 'create',
      targetId: 'night',
      // People by name, never their ids.
      diff: { en: expect.arrayContaining(['Members: Ana Costa, Lucas Martin']) as string[] },
    });
  });

  it('refuses invalid documents, a taken id for a new one, and anyone but a manager', async () => {
    const invalid = [
      queueDoc('Billing FR'),
      { ...queueDoc('ok'), labels: { fr: '', en: 'Ok' } },
      { ...queueDoc('ok'), policy: 'random' },
      { ...queueDoc('ok'), offerTimeoutSeconds: 1 },
    ];
    for (const doc of invalid)
      await expect(stores.queues.save(doc, manager)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(stores.queues.save(queueDoc('billing'), manager, true)).rejects.toThrow(
      /"billing" already exists/,
    );
    for (const actor of [agent, supervisor]) {
      await expect(stores.queues.save(queueDoc('mine'), actor)).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(stores.skills.remove('vip', actor)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(stores.teams.remove('night', actor)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await stores.queues.get('mine')).toBeNull();
    expect(await stores.skills.get('vip')).not.toBeNull();
    // The seed's entries only: nothing refused was audited.
    const log = await stores.catalogueAudit.recent({}, 100);
    expect(log.every((e) => e.actor.id === 'relais' && e.action === 'create')).toBe(true);
  });

  it('refuses to remove a queue a rule or an agent still names, and says which; removes it once free', async () => {
    await stores.queues.save(queueDoc('vip-desk'), manager);
    const service = await draftRouting('route-billing', 'vip-desk', []);
    await service.publish('default', manager, 'billing to the VIP desk');
    await draftRouting('route-quote', 'vip-desk', []);
    const ana = (await stores.users.get('agent'))!;
    await stores.users.update(
      'agent',
      { ...ana, routing: { ...ana.routing, queues: [...ana.routing.queues, 'vip-desk'] } },
      manager,
    );

    const refused = await stores.queues.remove('vip-desk', manager);

    expect(refused).toEqual({
      ok: false,
      usedBy: {
        rules: [
          {
            ruleSetId: 'default',
            ruleSetName: expect.objectContaining({ en: expect.any(String) }) as object,
            version: 2,
            ruleId: 'route-billing',
            ruleName: { fr: 'Facturation', en: 'Billing' },
          },
          expect.objectContaining({ version: null, ruleId: 'route-quote' }),
        ],
        agents: [{ agentId: 'agent', name: 'Ana Costa' }],
      },
    });
    expect(await stores.queues.get('vip-desk')).not.toBeNull();
    expect((await stores.catalogueAudit.recent({ kind: 'queue' }))[0]?.action).toBe('create');

    // An escalation that moves cases there names it too.
    expect((await stores.queues.remove('escalations', manager)).ok).toBe(false);

    await draftRouting('route-billing', 'billing', ['billing']);
    await draftRouting('route-quote', 'sales', ['sales']);
    await service.publish('default', manager, 'billing back');
    expect((await stores.queues.usedBy('vip-desk')).agents).toHaveLength(1);
    await stores.users.update('agent', ana, manager);

    expect(await stores.queues.remove('vip-desk', manager)).toEqual({ ok: true });
    expect(await stores.queues.get('vip-desk')).toBeNull();
    expect((await stores.catalogueAudit.recent({ kind: 'queue' }))[0]).toMatchObject({
      action: 'remove',
      targetId: 'vip-desk',
      actor: manager,
    });
  });

  it('refuses to remove a skill a rule asks for or an agent has, and removes an unused one', async () => {
    await stores.skills.save({ _id: 'german', labels: { fr: 'Allemand', en: 'German' } }, manager);
    await stores.skills.save({ _id: 'italian', labels: { fr: 'Italien', en: 'Italian' } }, manager);
    await draftRouting('route-billing', 'billing', [
      { skill: 'german', minLevel: 3, optional: false },
    ]);

    const byRule = await stores.skills.remove('german', manager);
    expect(byRule).toMatchObject({
      ok: false,
      usedBy: { rules: [{ ruleId: 'route-billing', version: null }], agents: [] },
    });
    // The seeded agents who have it are named by name.
    const byAgents = await stores.skills.remove('refunds', manager);
    expect(byAgents.ok ? [] : byAgents.usedBy.agents.map((a) => a.name).sort()).toEqual([
      'Lucas Martin',
      'Priya Nair',
    ]);

    expect(await stores.skills.remove('italian', manager)).toEqual({ ok: true });
    expect(await stores.skills.get('italian')).toBeNull();
    expect(await stores.skills.get('german')).not.toBeNull();
    expect(await stores.teams.remove('none', manager).catch((e: unknown) => e)).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
