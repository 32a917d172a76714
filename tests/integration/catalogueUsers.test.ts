import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultCapacity } from '../../workflows/contracts/routing';
import { resolveActor } from '../../worker/cli/connect';
import type { Actor } from '../../worker/rules/actor';
import { ForbiddenError, InvalidInputError } from '../../worker/rules/errors';
import type { Mongo } from '../../worker/store/mongo';
import type { Stores } from '../../worker/store/stores';
import { testManager as manager } from '../support/catalogueFixtures';
import { freshDatabase } from '../support/relaisWorker';

let mongo: Mongo;
let stores: Stores;

beforeEach(async () => {
  ({ mongo, stores } = await freshDatabase());
});

afterEach(async () => {
  await mongo.close();
});

const newUser = {
  _id: 'zoe',
  name: 'Zoé Petit',
  role: 'agent',
  lang: 'en',
} as const;

describe('users', () => {
  it('reads a user stored before routing as enabled, with a profile in their own language', async () => {
    const { passwordHash } = (await mongo.db
      .collection<{ _id: string; passwordHash: string }>('users')
      .findOne({ _id: 'agent' }))!;
    // Written as the store wrote users before `enabled` and `routing`.
    await mongo.db
      .collection<{ _id: string; name: string; role: string; lang: string; passwordHash: string }>(
        'users',
      )
      .insertOne({ _id: 'old', name: 'Old Timer', role: 'agent', lang: 'en', passwordHash });

    const expected = {
      _id: 'old',
      name: 'Old Timer',
      role: 'agent',
      lang: 'en',
      enabled: true,
      routing: { skills: [], queues: [], langs: ['en'], capacity: defaultCapacity },
    };
    expect(await stores.users.get('old')).toEqual(expected);
    expect(await stores.users.verify('old', 'relais-agent')).toEqual(expected);
    expect((await stores.users.list()).find((u) => u._id === 'old')).toEqual(expected);
  });

  it('lets a manager create a user with a password, audited without it', async () => {
    expect(await stores.users.createUser(newUser, 'a-first-password', manager)).toBe(true);
    expect(await stores.users.createUser(newUser, 'a-first-password', manager)).toBe(false);
    expect(await stores.users.verify('zoe', 'a-first-password')).toMatchObject({
      name: 'Zoé Petit',
      enabled: true,
      routing: { langs: ['en'] },
    });
    await expect(
      stores.users.createUser({ ...newUser, _id: 'x' }, 'short', manager),
    ).rejects.toBeInstanceOf(InvalidInputError);
    const log = await stores.catalogueAudit.recent({ kind: 'user', targetId: 'zoe' });
    expect(log.map((e) => e.action)).toEqual(['create']);
    expect(log[0]!.diff.en).toContain('Name: Zoé Petit');
    expect(JSON.stringify(log)).not.toContain('a-first-password');
  });

  it('keeps a disabled user out of the designer and the CLI, ends their sessions, and lets them back once enabled', async () => {
    const session = await stores.sessions.create('lucas');
    expect(await stores.sessions.userId(session)).toBe('lucas');

    await stores.users.setEnabled('lucas', false, manager);

    expect(await stores.users.verify('lucas', 'relais-lucas')).toBeNull();
    expect(await stores.sessions.userId(session)).toBeNull();
    expect(await stores.users.get('lucas')).toMatchObject({ enabled: false });
    // Disabling twice changes nothing and audits nothing.
    await stores.users.setEnabled('lucas', false, manager);

    await expect(resolveActor(mongo.db, 'lucas')).rejects.toThrow('user "lucas" is disabled');

    await stores.users.setEnabled('lucas', true, manager);
    expect(await stores.users.verify('lucas', 'relais-lucas')).toMatchObject({ _id: 'lucas' });
    expect(await resolveActor(mongo.db, 'lucas')).toEqual({ id: 'lucas', role: 'agent' });
    const log = await stores.catalogueAudit.recent({ kind: 'user', targetId: 'lucas' });
    expect(log.map((e) => [e.action, e.diff.en])).toEqual([
      ['enable', ['Enabled: no ⇒ yes']],
      ['disable', ['Enabled: yes ⇒ no']],
    ]);
  });

  it('resets a password: the old one stops working, sessions end, the audit holds neither', async () => {
    const session = await stores.sessions.create('chloe');
    await stores.users.resetPassword('chloe', 'a-brand-new-secret', manager);

    expect(await stores.users.verify('chloe', 'relais-chloe')).toBeNull();
    expect(await stores.users.verify('chloe', 'a-brand-new-secret')).toMatchObject({
      _id: 'chloe',
    });
    expect(await stores.sessions.userId(session)).toBeNull();
    const raw = await mongo.db.collection('catalogueAudit').find({ targetId: 'chloe' }).toArray();
    const hash = (await mongo.db.collection('users').findOne({ _id: 'chloe' as never }))!
      .passwordHash as string;
    expect(raw).toHaveLength(1);
    expect(raw[0]).toMatchObject({ action: 'reset-password', diff: { en: ['Password reset'] } });
    expect(JSON.stringify(raw)).not.toContain('a-brand-new-secret');
    expect(JSON.stringify(raw)).not.toContain(hash);
  });

  it('updates name, role, language and routing profile, audited field by field', async () => {
    const before = (await stores.users.get('james'))!;
    const change = {
      name: 'James Walker',
      role: 'supervisor' as const,
      lang: 'fr' as const,
      routing: {
        ...before.routing,
        skills: [...before.routing.skills, { skill: 'vip', level: 2 }],
        capacity: { ...before.routing.capacity, chat: 8 },
      },
    };
    expect(await stores.users.update('james', change, manager)).toBe(true);
    expect(await stores.users.update('james', change, manager)).toBe(false);

    expect(await stores.users.get('james')).toEqual({ ...before, ...change });
    const [entry, ...older] = await stores.catalogueAudit.recent({
      kind: 'user',
      targetId: 'james',
    });
    expect(older).toEqual([]);
    expect(entry!.diff.en).toEqual([
      'Role: agent ⇒ supervisor',
      'Language: en ⇒ fr',
      // Skills by their labels, never their ids.
      'Skills: Technical support 5, Sales 3 ⇒ Technical support 5, Sales 3, VIP customers 2',
      'Chat capacity: 5 ⇒ 8',
    ]);
  });

  it('refuses bad profiles, changes to oneself that would lock a manager out, and non-managers', async () => {
    const james = (await stores.users.get('james'))!;
    const bad = [
      { ...james, routing: { ...james.routing, skills: [{ skill: 'vip', level: 6 }] } },
      { ...james, routing: { ...james.routing, langs: [] } },
      { ...james, routing: { ...james.routing, capacity: { voice: 2, chat: 3, email: 10 } } },
      { ...james, routing: { ...james.routing, queues: ['sales', 'sales'] } },
      { ...james, role: 'admin' },
    ];
    for (const change of bad)
      await expect(stores.users.update('james', change as never, manager)).rejects.toBeInstanceOf(
        InvalidInputError,
      );
    await expect(stores.users.setEnabled('manager', false, manager)).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    const me = (await stores.users.get('manager'))!;
    await expect(
      stores.users.update('manager', { ...me, role: 'agent' }, manager),
    ).rejects.toBeInstanceOf(InvalidInputError);
    const supervisor: Actor = { id: 'supervisor', role: 'supervisor' };
    await expect(stores.users.setEnabled('james', false, supervisor)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      stores.users.resetPassword('james', 'long-enough-pass', supervisor),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(stores.users.setEnabled('nobody', false, manager)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await stores.users.get('james')).toEqual(james);
    expect(await stores.catalogueAudit.recent({ kind: 'user' })).toEqual([]);
  });
});
