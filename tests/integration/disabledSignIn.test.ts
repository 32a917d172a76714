import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testManager as manager } from '../support/catalogueFixtures';
import { startDevStack, type DevStack } from '../support/devStack';

let stack: DevStack;

beforeAll(async () => {
  stack = await startDevStack({ designer: true });
});

afterAll(() => stack?.stop());

/** Posts the sign-in form as a browser does. */
function signIn(username: string, password: string) {
  const url = stack.designer!.url;
  return fetch(`${url}/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      origin: url,
    },
    body: new URLSearchParams({ username, password }),
    redirect: 'manual',
  });
}

const sessionCookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith('relais_session='))
    ?.split(';')[0];

const tasksWith = (cookie: string) =>
  fetch(`${stack.designer!.url}/api/tasks`, { headers: { cookie } });

describe('a disabled user', () => {
  it('cannot sign in, loses the session they had, and signs in again once enabled', async () => {
    const users = stack.relais.stores.users;
    await users.createUser(
      { _id: 'leaver', name: 'Léa Ver', role: 'agent', lang: 'fr' },
      'leaver-password',
      manager,
    );
    const first = await signIn('leaver', 'leaver-password');
    expect(first.status).toBe(303);
    const cookie = sessionCookieOf(first)!;
    expect((await tasksWith(cookie)).status).toBe(200);

    await users.setEnabled('leaver', false, manager);

    expect((await tasksWith(cookie)).status).toBe(401);
    const refused = await signIn('leaver', 'leaver-password');
    expect(refused.status).toBe(400);
    expect(sessionCookieOf(refused)).toBeUndefined();

    await users.setEnabled('leaver', true, manager);
    const again = await signIn('leaver', 'leaver-password');
    expect(again.status).toBe(303);
    expect((await tasksWith(sessionCookieOf(again)!)).status).toBe(200);
  });
});
