import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { repoRoot } from '../../launcher/paths';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerExportSchema } from '../../worker/privacy/exportDocument';
import { startDevStack, type DevStack } from '../support/devStack';
import { privacyEnv } from '../support/privacy';
import { eventually } from '../support/relaisWorker';

/**
 * The export of one customer's data (issue 13 §4) and the access log (§6) on the real designer,
 * worker, Temporal dev server (with the codec) and FerretDB.
 */

let stack: DevStack;
let url: string;

beforeAll(async () => {
  stack = await startDevStack({ designer: true });
  url = stack.designer!.url;
}, 120_000);
afterAll(() => stack?.stop());

async function session(username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      origin: url,
    },
    body: new URLSearchParams({ username, password }),
    redirect: 'manual',
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('relais_session='))
    ?.split(';')[0];
  if (!cookie) throw new Error(`cannot sign in as ${username}: ${res.status}`);
  return cookie;
}

/** A customer whose words are all unique to the test, once their case is acknowledged. */
async function contact() {
  const tag = randomUUID().slice(0, 8);
  const words = {
    email: `export.${tag}@exemple.fr`,
    name: `Inès Export${tag}`,
    text: `Mon colis ${tag} est abîmé`,
  };
  const res = await fetch(`${url}/api/inbound/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...stack.designer!.auth },
    body: JSON.stringify({
      messageId: randomUUID(),
      customer: { email: words.email, name: words.name },
      subject: `Colis ${tag}`,
      text: words.text,
    }),
  });
  expect(res.status).toBe(202);
  const { customerId, caseId } = (await res.json()) as { customerId: string; caseId: string };
  await eventually(
    async () => (await stack.relais.stores.outbox.forCase(caseId)).length > 0,
    'the acknowledgement',
  );
  return { customerId, caseId, words };
}

const exportOf = (customerId: string, cookie: string) =>
  fetch(`${url}/api/customers/${customerId}/export`, { headers: { cookie } });

describe('customer export', () => {
  it('holds the customer’s messages decrypted, from MongoDB and Temporal, and nothing of another', async () => {
    const [mine, other] = [await contact(), await contact()];
    const manager = await session('manager', 'relais-manager');
    const res = await exportOf(mine.customerId, manager);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const text = await res.text();
    const doc = CustomerExportSchema.parse(JSON.parse(text));
    expect(doc.customerId).toBe(mine.customerId);
    expect(doc.mongo.customers?.[0]).toMatchObject({
      email: mine.words.email,
      name: mine.words.name,
    });
    const workflows = JSON.stringify(doc.temporal);
    // What Temporal holds is encrypted there: the export has it in clear.
    expect(doc.temporal.map((w) => w.workflowId)).toEqual(
      expect.arrayContaining([`customer-${mine.customerId}`, `case-${mine.caseId}`]),
    );
    expect(workflows).toContain(mine.words.text);
    expect(doc.temporal.every((w) => w.unreadable === 0)).toBe(true);
    expect(JSON.stringify(doc.mongo)).toContain(mine.words.text);
    for (const word of [...Object.values(other.words), other.customerId, other.caseId])
      expect(text).not.toContain(word);
  }, 180_000);

  it('comes from the command line too, by email, with progress on stderr, and is logged', async () => {
    const { customerId, words } = await contact();
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', 'worker/cli/privacy-cli.ts', 'export', words.email],
        {
          cwd: repoRoot,
          maxBuffer: 64 * 1024 * 1024,
          env: {
            ...process.env,
            ...privacyEnv(),
            MONGODB_URI: stack.relais.mongoUri,
            TEMPORAL_ADDRESS: inject('temporalAddress'),
          },
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );
    expect(run.code, run.stderr).toBe(0);
    const doc = CustomerExportSchema.parse(JSON.parse(run.stdout));
    expect(doc.customerId).toBe(customerId);
    expect(JSON.stringify(doc.temporal)).toContain(words.text);
    expect(run.stderr).toContain('customers: 1 document');
    const [logged] = await stack.relais.stores.accessAudit.find({ customerId });
    expect(logged).toMatchObject({ action: 'export', actor: expect.stringMatching(/^cli:/) });
  }, 180_000);

  it('is for managers only', async () => {
    const { customerId } = await contact();
    expect((await exportOf(customerId, await session('agent', 'relais-agent'))).status).toBe(403);
    expect((await fetch(`${url}/api/customers/${customerId}/export`)).status).toBe(401);
  }, 120_000);
});

describe('access log', () => {
  it('records a 360° view, a case view and an export, and filters by customer and by user', async () => {
    const [seen, unseen] = [await contact(), await contact()];
    const manager = await session('manager', 'relais-manager');
    const supervisor = await session('supervisor', 'relais-supervisor');
    const get = (path: string, cookie: string) =>
      fetch(`${url}${path}`, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });

    expect((await get(`/customers/${seen.customerId}`, manager)).status).toBe(200);
    expect((await get(`/cases/${seen.caseId}`, supervisor)).status).toBe(200);
    expect((await exportOf(seen.customerId, manager)).status).toBe(200);
    expect((await get(`/customers/${unseen.customerId}`, supervisor)).status).toBe(200);

    const log = await stack.relais.stores.accessAudit.find({ customerId: seen.customerId });
    expect(log.map((e) => [e.action, e.actor, e.caseId])).toEqual([
      ['export', 'manager', null],
      ['view-case', 'supervisor', seen.caseId],
      ['view-customer', 'manager', null],
    ]);
    // A reload within the minute is the same view.
    await get(`/customers/${seen.customerId}`, manager);
    expect(
      await stack.relais.stores.accessAudit.find({ customerId: seen.customerId }),
    ).toHaveLength(3);

    const byCustomer = await (
      await get(`/access-log?customer=${encodeURIComponent(seen.words.email)}`, manager)
    ).text();
    expect(byCustomer).toContain(seen.words.name);
    expect(byCustomer).not.toContain(unseen.words.name);
    const bySupervisor = await (await get('/access-log?user=supervisor', manager)).text();
    expect(bySupervisor).toContain(unseen.words.name);
    expect(bySupervisor).toContain(seen.caseId.slice(0, 8).toUpperCase());
    expect((await get('/access-log', await session('agent', 'relais-agent'))).status).toBe(403);
  }, 180_000);
});
