import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { defaultRuleSet } from '../../rules/defaults/defaultRuleSet';
import type { ApiScope } from '../../worker/store/apiTokens';
import { startDesigner, type DesignerServer } from '../support/designerServer';
import { startDevStack, type DevStack } from '../support/devStack';

let stack: DevStack;
let designer: DesignerServer;

beforeAll(async () => {
  stack = await startDevStack({ designer: true });
  designer = stack.designer!;
});

afterAll(() => stack?.stop());

/** Another designer process on the same database: its sign-in counters start from zero. */
async function ownDesigner(env: Record<string, string> = {}): Promise<DesignerServer> {
  const own = await startDesigner({
    mongoUri: stack.relais.mongoUri,
    taskQueue: stack.relais.taskQueue,
    env,
  });
  onTestFinished(() => own.process.stop());
  return own;
}

const webform = () => ({
  messageId: randomUUID(),
  customer: { email: `api-${randomUUID().slice(0, 8)}@exemple.fr`, name: 'Api Test' },
  category: 'facturation',
  subject: 'Question',
  text: 'Bonjour, une question sur ma facture.',
});

function postInbound(headers: Record<string, string>, url = designer.url) {
  return fetch(`${url}/api/inbound/webform`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(webform()),
  });
}

async function tokenWith(...scopes: ApiScope[]): Promise<{ token: string; id: string }> {
  const { token, info } = await stack.relais.stores.apiTokens.create({
    name: `test ${scopes.join(' ')}`,
    scopes,
    createdBy: 'manager',
  });
  return { token, id: info.id };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function expectRefusal(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/json');
  const body = (await res.json()) as { code: string; message: string };
  expect(body.code).toBe(code);
  expect(body.message.length).toBeGreaterThan(10);
}

/** Posts the sign-in form as a browser does; `cookie` is what the browser holds already. */
function signIn(
  username: string,
  password: string,
  opts: { url?: string; cookie?: string; next?: string } = {},
) {
  const url = opts.url ?? designer.url;
  const query = opts.next === undefined ? '' : `?next=${opts.next}`;
  return fetch(`${url}/login${query}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      origin: url,
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
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

async function sessionOf(username: string, password: string): Promise<string> {
  const res = await signIn(username, password);
  expect(res.status).toBe(303);
  return sessionCookieOf(res)!;
}

describe('the read API', () => {
  it('answers 401 with a JSON code to anonymous calls, and writes nothing', async () => {
    await expectRefusal(await fetch(`${designer.url}/api/tasks`), 401, 'unauthenticated');
    await expectRefusal(
      await fetch(`${designer.url}/api/cases/${randomUUID()}`),
      401,
      'unauthenticated',
    );
    const before = await stack.relais.mongo.db.collection('customers').countDocuments();
    await expectRefusal(await postInbound({}), 401, 'unauthenticated');
    await expectRefusal(await postInbound(bearer('relais_made-up')), 401, 'invalid_token');
    expect(await stack.relais.mongo.db.collection('customers').countDocuments()).toBe(before);
  });

  it('lets each token do what its scopes allow, and nothing else (403)', async () => {
    const tasks = await tokenWith('tasks:read');
    const cases = await tokenWith('cases:read');
    const inbound = await tokenWith('inbound:write');

    const list = await fetch(`${designer.url}/api/tasks`, { headers: bearer(tasks.token) });
    expect(list.status).toBe(200);
    expect(await list.json()).toHaveProperty('tasks');
    await expectRefusal(
      await fetch(`${designer.url}/api/tasks`, { headers: bearer(cases.token) }),
      403,
      'insufficient_scope',
    );
    await expectRefusal(
      await fetch(`${designer.url}/api/cases/${randomUUID()}`, { headers: bearer(tasks.token) }),
      403,
      'insufficient_scope',
    );
    await expectRefusal(await postInbound(bearer(cases.token)), 403, 'insufficient_scope');

    const posted = await postInbound(bearer(inbound.token));
    expect(posted.status).toBe(202);
    const { caseId } = (await posted.json()) as { caseId: string };
    // Past the token check: the case may not be in the projection yet, but it is not refused.
    const read = await fetch(`${designer.url}/api/cases/${caseId}`, {
      headers: bearer(cases.token),
    });
    expect([200, 404]).toContain(read.status);
  });

  it('refuses a revoked token at once (401)', async () => {
    const { token, id } = await tokenWith('tasks:read', 'inbound:write');
    expect((await fetch(`${designer.url}/api/tasks`, { headers: bearer(token) })).status).toBe(200);
    expect(await stack.relais.stores.apiTokens.revoke(id, 'manager')).not.toBeNull();
    await expectRefusal(
      await fetch(`${designer.url}/api/tasks`, { headers: bearer(token) }),
      401,
      'invalid_token',
    );
    await expectRefusal(await postInbound(bearer(token)), 401, 'invalid_token');
  });

  it('stores tokens only as their SHA-256', async () => {
    const { token } = await tokenWith('tasks:read');
    const docs = await stack.relais.mongo.db.collection('apiTokens').find().toArray();
    expect(JSON.stringify(docs)).not.toContain(token);
  });

  it('serves the reads to a signed-in user without a token', async () => {
    const cookie = await sessionOf('agent', 'relais-agent');
    const res = await fetch(`${designer.url}/api/tasks`, { headers: { cookie } });
    expect(res.status).toBe(200);
  });

  it('takes inbound messages from anyone only with RELAIS_INBOUND_OPEN=true', async () => {
    const open = await ownDesigner({ RELAIS_INBOUND_OPEN: 'true' });
    expect((await postInbound({}, open.url)).status).toBe(202);
    // Reads stay closed in open mode.
    expect((await fetch(`${open.url}/api/tasks`)).status).toBe(401);
  });
});

describe('manager pages', () => {
  const pages = [
    '/dashboard',
    '/rules',
    `/rules/${defaultRuleSet.id}`,
    `/rules/${defaultRuleSet.id}/backtest`,
    `/rules/${defaultRuleSet.id}/versions`,
    '/calendars',
    '/ladders',
    '/templates',
    '/tokens',
  ];

  it('give an agent 403 and none of their data, also through __data.json', async () => {
    const agent = await sessionOf('agent', 'relais-agent');
    const manager = await sessionOf('manager', 'relais-manager');
    for (const path of pages) {
      const data = await fetch(`${designer.url}${path}/__data.json`, {
        headers: { cookie: agent },
      });
      expect(data.status, path).toBe(403);
      const body = await data.text();
      // The refusal and nothing else: no node of the page's data.
      expect(Object.keys(JSON.parse(body) as object).sort(), path).toEqual(['code', 'message']);

      const html = await fetch(`${designer.url}${path}`, { headers: { cookie: agent } });
      expect(html.status, path).toBe(403);

      const allowed = await fetch(`${designer.url}${path}/__data.json`, {
        headers: { cookie: manager },
      });
      expect(allowed.status, path).toBe(200);
    }
  });
});

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Lax cookie, Secure when RELAIS_COOKIE_SECURE=true', async () => {
    const plain = (await signIn('agent', 'relais-agent')).headers.getSetCookie().join('\n');
    expect(plain).toMatch(/relais_session=[^;]+;.*HttpOnly/i);
    expect(plain).toMatch(/SameSite=Lax/i);
    expect(plain).not.toMatch(/Secure/i);

    const secure = await ownDesigner({ RELAIS_COOKIE_SECURE: 'true' });
    const res = await signIn('agent', 'relais-agent', { url: secure.url });
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('relais_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Secure/i);
  });

  it('gives a new session id at each sign-in and ends the one the browser held', async () => {
    const planted = 'relais_session=planted-by-someone-else';
    const first = sessionCookieOf(await signIn('agent', 'relais-agent', { cookie: planted }))!;
    expect(first).not.toBe(planted);
    const second = sessionCookieOf(await signIn('agent', 'relais-agent', { cookie: first }))!;
    expect(second).not.toBe(first);
    const read = (cookie: string) => fetch(`${designer.url}/api/tasks`, { headers: { cookie } });
    expect((await read(first)).status).toBe(401);
    expect((await read(second)).status).toBe(200);
  });

  it('ends the session server-side at sign-out: the old cookie no longer works', async () => {
    const cookie = await sessionOf('agent', 'relais-agent');
    expect((await fetch(`${designer.url}/api/tasks`, { headers: { cookie } })).status).toBe(200);
    const out = await fetch(`${designer.url}/logout`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        origin: designer.url,
        cookie,
      },
      body: '',
      redirect: 'manual',
    });
    expect(out.status).toBe(303);
    // A copy of the cookie, replayed after sign-out.
    expect((await fetch(`${designer.url}/api/tasks`, { headers: { cookie } })).status).toBe(401);
    const page = await fetch(`${designer.url}/tasks`, { headers: { cookie }, redirect: 'manual' });
    expect(page.status).toBe(303);
  });

  it('locks a user name after 5 failures, with the wait in the message', async () => {
    const own = await ownDesigner();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1)
      statuses.push((await signIn('manager', `wrong-${i}`, { url: own.url })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    const locked = await signIn('manager', 'relais-manager', { url: own.url });
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('Réessayez dans 15 minutes');
    // Another user from the same address still gets in.
    expect((await signIn('agent', 'relais-agent', { url: own.url })).status).toBe(303);
  });

  it('locks an address after 20 failures, whatever the user names', async () => {
    const own = await ownDesigner();
    for (let i = 0; i < 19; i += 1)
      expect((await signIn(`nobody-${i}`, 'wrong', { url: own.url })).status).toBe(400);
    expect((await signIn('nobody-19', 'wrong', { url: own.url })).status).toBe(429);
    const locked = await signIn('agent', 'relais-agent', { url: own.url });
    expect(locked.status).toBe(429);
  });

  it('takes as long for an unknown user as for a known one with a wrong password', async () => {
    const own = await ownDesigner();
    const users = Array.from({ length: 5 }, (_, i) => `timing-${i}-${randomUUID().slice(0, 6)}`);
    for (const id of users)
      await stack.relais.stores.users.create(
        { _id: id, name: id, role: 'agent', lang: 'en' },
        'the-right-password',
      );
    const timed = async (username: string) => {
      const t0 = performance.now();
      expect((await signIn(username, 'a-wrong-password', { url: own.url })).status).toBe(400);
      return performance.now() - t0;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const known: number[] = [];
    const unknown: number[] = [];
    for (const id of users) {
      known.push(await timed(id));
      unknown.push(await timed(`no-such-${id}`));
    }
    // Without the dummy bcrypt comparison an unknown user answered about 20 times faster.
    expect(median(unknown)).toBeGreaterThan(median(known) / 2);
    expect(median(unknown)).toBeLessThan(median(known) * 2);
  });

  it.each(['/%5Cevil.example', '/%09/evil.example', '//evil.example', 'https://evil.example'])(
    'stays on the site after sign-in with next=%s',
    async (next) => {
      const res = await signIn('agent', 'relais-agent', { next });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/tasks');
    },
  );

  it('keeps a same-site next, and refuses a backslash in the language switch', async () => {
    const res = await signIn('agent', 'relais-agent', { next: encodeURIComponent('/cases?x=1') });
    expect(res.headers.get('location')).toBe('/cases?x=1');
    const lang = await fetch(`${designer.url}/lang`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        origin: designer.url,
      },
      body: new URLSearchParams({ lang: 'en', back: '/\\evil.example' }),
      redirect: 'manual',
    });
    expect(lang.status).toBe(303);
    expect(lang.headers.get('location')).toBe('/');
  });
});

describe('security headers', () => {
  it('sends a CSP that forbids framing and foreign scripts, and nosniff', async () => {
    const res = await fetch(`${designer.url}/login`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
