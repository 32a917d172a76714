import { caseWorkflowId } from '../../workflows/contracts/customer';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesignerServer } from '../support/designerServer';
import { startDevStack, type DevStack } from '../support/devStack';
import { eventually, type RelaisTestWorker } from '../support/relaisWorker';

let stack: DevStack;
let relais: RelaisTestWorker;
let designer: DesignerServer;

beforeAll(async () => {
  stack = await startDevStack({ designer: true });
  relais = stack.relais;
  designer = stack.designer!;
});

afterAll(() => stack?.stop());

/** As a channel connector calls the API: with an API token. */
const post = (path: string, body: unknown) =>
  fetch(`${designer.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...designer.auth },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const get = (path: string) => fetch(`${designer.url}${path}`, { headers: designer.auth });

async function counts() {
  const db = relais.mongo.db;
  return {
    customers: await db.collection('customers').countDocuments(),
    tasks: await db.collection('tasks').countDocuments(),
    events: await db.collection('events').countDocuments(),
  };
}

describe('inbound web form, end to end', () => {
  it('creates the case through Temporal and shows its task, case and page', async () => {
    const email = `Jean.Dupont+${randomUUID().slice(0, 6)}@Exemple.fr`;
    const res = await post('/api/inbound/webform', {
      messageId: randomUUID(),
      customer: { email, name: 'Jean Dupont' },
      category: 'facturation',
      subject: 'Erreur sur ma facture',
      text: 'Ma facture de mars comporte deux fois les frais de livraison.',
    });
    expect(res.status).toBe(202);
    const { customerId, caseId } = (await res.json()) as { customerId: string; caseId: string };
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);

    const customer = await relais.stores.customers.get(customerId);
    expect(customer?.email).toBe(email.toLowerCase());

    const task = await eventually(async () => {
      const r = await get('/api/tasks');
      const { tasks } = (await r.json()) as { tasks: { caseId: string; queue: string }[] };
      return tasks.find((t) => t.caseId === caseId);
    }, 'the task in /api/tasks');
    const byQueue = (await (
      await get(`/api/tasks?queue=${encodeURIComponent(task.queue)}`)
    ).json()) as { tasks: { caseId: string }[] };
    expect(byQueue.tasks.map((t) => t.caseId)).toContain(caseId);
    const otherQueue = (await (await get('/api/tasks?queue=no-such-queue')).json()) as {
      tasks: unknown[];
    };
    expect(otherQueue.tasks).toEqual([]);

    // The task is written before the timeline entry that follows it: read the case once both are.
    const view = await eventually(async () => {
      const caseRes = await get(`/api/cases/${caseId}`);
      expect(caseRes.status).toBe(200);
      const body = (await caseRes.json()) as Record<string, unknown> & {
        timeline: { type: string }[];
      };
      return body.timeline.some((e) => e.type === 'task-created') && body;
    }, 'the task-created entry on the case');
    expect(view).toMatchObject({ source: 'workflow', status: 'queued', channels: ['webform'] });
    expect(typeof view.priority).toBe('number');
    expect(Date.parse(view.dueAt as string)).toBeGreaterThan(Date.now() + 47 * 3600_000);
    expect(view.timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['case-opened', 'decided', 'acknowledged', 'task-created']),
    );

    // The task list is for signed-in users: sign in through the login form like a browser.
    const login = await fetch(`${designer.url}/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        origin: designer.url,
      },
      body: new URLSearchParams({ username: 'agent', password: 'relais-agent' }),
      redirect: 'manual',
    });
    expect(login.status).toBe(303);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const signedOut = await fetch(`${designer.url}/tasks`, { redirect: 'manual' });
    expect(signedOut.status).toBe(303);
    const page = await (await fetch(`${designer.url}/tasks`, { headers: { cookie } })).text();
    expect(page).toContain('Erreur sur ma facture');
    expect(page).toContain('webform');

    // Findable in the Temporal UI by the search attributes the case keeps up to date.
    const query = `RelaisQueue = '${task.queue}' AND RelaisChannel = 'webform' AND RelaisStatus = 'queued' AND RelaisCustomerId = '${customerId}'`;
    await eventually(async () => {
      for await (const wf of stack.client.workflow.list({ query }))
        if (wf.workflowId === caseWorkflowId(caseId)) return true;
      return false;
    }, 'the case in a search-attribute query');

    const missing = await get(`/api/cases/${randomUUID()}`);
    expect(missing.status).toBe(404);
  });

  it('answers 400 with the field errors and writes nothing for invalid input', async () => {
    const before = await counts();
    const res = await post('/api/inbound/webform', {
      messageId: 'sample-030',
      customer: { email: 'test@@invalid', name: '' },
      category: 'facturation',
      subject: '',
      text: '',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: { path: string }[] };
    // A blank name is only unknown (optional on every channel): not an error.
    expect(body.issues.map((i) => i.path).sort()).toEqual(['customer.email', 'subject', 'text']);
    const notJson = await post('/api/inbound/webform', '{ not json');
    expect(notJson.status).toBe(400);
    const unknownChannel = await post('/api/inbound/carrier-pigeon', {});
    expect(unknownChannel.status).toBe(404);
    expect(await counts()).toEqual(before);
  });
});
