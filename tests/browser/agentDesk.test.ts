import { NativeConnection } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDesigner, type DesignerServer } from '../support/designerServer';
import { createRelaisWorker, eventually, type RelaisTestWorker } from '../support/relaisWorker';
import { launchChromium, screenshot, signIn, useLanguage } from './support/browser';

let connection: NativeConnection;
let relais: RelaisTestWorker;
let designer: DesignerServer;
let running: Promise<void>;
let stop: () => void;
let browser: Browser;

const tag = randomUUID().slice(0, 8);
const email = `desk-${tag}@exemple.fr`;
const phone = `+336${String(Date.now()).slice(-8)}`;
const subject = `Colis jamais arrivé ${tag}`;
let caseId = '';

beforeAll(async () => {
  connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  relais = await createRelaisWorker(connection, {
    // A second agent, who takes the case over after the transfer.
    prepare: async (stores) => {
      await stores.users.create(
        { _id: 'agent2', name: 'Bruno Lima', role: 'agent', lang: 'en' },
        'relais-agent2',
      );
    },
  });
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  running = relais.run(() => stopped);
  designer = await startDesigner({ mongoUri: relais.mongoUri, taskQueue: relais.taskQueue });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await designer?.process.stop();
  stop?.();
  await running;
  await connection?.close();
});

async function newPage(user: string, password: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
  });
  const page = await context.newPage();
  await signIn(page, designer.url, user, password);
  await useLanguage(page, 'en');
  return page;
}

async function inbound(channel: string, body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${designer.url}/api/inbound/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messageId: randomUUID(), ...body }),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { caseId: string }).caseId;
}

/**
 * Submits one of the case page's action forms and waits for the workflow's answer: the banner
 * at the top when it did it, the refusal under the form when it did not.
 */
async function act(page: Page, action: string, fill: Record<string, string> = {}) {
  const form = page.locator(`form[data-action="${action}"]`).first();
  for (const [name, value] of Object.entries(fill)) {
    const input = form.locator(`[name="${name}"]`);
    if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption(value);
    else await input.fill(value);
  }
  await form.locator('button').last().click();
  const answer = page.locator(
    `[data-testid="action-done"][data-action="${action}"], form[data-action="${action}"] .alert.error`,
  );
  await answer.waitFor();
  return answer;
}

describe('agent desk', () => {
  let ana: Page;
  let bruno: Page;

  it('shows a new contact in the task list and lets an agent claim it from there', async () => {
    caseId = await inbound('email', {
      customer: { email, phone, name: 'Chloé Martin' },
      subject,
      text: "Bonjour, mon colis n'est jamais arrivé. Pouvez-vous m'aider ?",
    });
    await eventually(async () => (await relais.stores.tasks.get(caseId))?.queue, 'the task');

    ana = await newPage('agent', 'relais-agent');
    await ana.goto(`${designer.url}/tasks`);
    const row = ana.locator(`tr[data-case-id="${caseId}"]`);
    await expect(row.textContent()).resolves.toContain(subject);
    await screenshot(ana, 'desk-tasks');

    // Keyboard: focus the row's claim button and press Enter.
    await row.locator('button.claim').focus();
    await ana.keyboard.press('Enter');
    await ana.locator('p.alert.ok[role="status"]').waitFor();
    await expect(row.locator('button.claim').count()).resolves.toBe(0);
    await expect(row.textContent()).resolves.toContain('you');

    // Filters: "my tasks" keeps it, another kind hides it.
    await ana.goto(`${designer.url}/tasks?mine=1`);
    await expect(ana.locator(`tr[data-case-id="${caseId}"]`).count()).resolves.toBe(1);
    await ana.goto(`${designer.url}/tasks?kind=callback`);
    await expect(ana.locator(`tr[data-case-id="${caseId}"]`).count()).resolves.toBe(0);
  });

  it('replies by SMS, adds a note, and shows what was sent and why the case was routed', async () => {
    await ana.goto(`${designer.url}/tasks`);
    await ana.locator(`tr[data-case-id="${caseId}"] a`).first().click();
    await ana.waitForURL(`**/cases/${caseId}`);
    await expect(ana.locator('[data-testid="assignee"]').textContent()).resolves.toBe('agent');
    // The decision's why: every output names the rule that set it, in the UI's language.
    await expect(ana.locator('tr[data-output="queue"] td').last().textContent()).resolves.toContain(
      'Delivery',
    );
    await expect(ana.locator('tr[data-output="promise"] td').first().textContent()).resolves.toBe(
      '24 hours',
    );

    const replied = await act(ana, 'reply', {
      text: 'Bonjour Chloé, nous relançons le transporteur et revenons vers vous.',
      channel: 'sms',
    });
    await expect(replied.getAttribute('class')).resolves.toContain('ok');
    await ana.locator('[data-testid="outbox"] li[data-channel="sms"]').waitFor();

    const noted = await act(ana, 'note', { text: 'Transporteur relancé par téléphone.' });
    await expect(noted.getAttribute('class')).resolves.toContain('ok');
    await ana.locator('li[data-type="note"]').waitFor();
    await screenshot(ana, 'desk-case-replied');
  });

  it("shows the workflow's refusal inline when another agent tries to resolve a case not theirs", async () => {
    bruno = await newPage('agent2', 'relais-agent2');
    await bruno.goto(`${designer.url}/cases/${caseId}`);
    const refused = await act(bruno, 'resolve', { reason: 'Colis retrouvé' });
    await expect(refused.getAttribute('class')).resolves.toContain('error');
    await expect(refused.textContent()).resolves.toContain('not claimed by agent2');
    await screenshot(bruno, 'desk-case-refused');
  });

  it('threads an SMS from the customer into the case, transfers it, and a second agent resolves it', async () => {
    const threaded = await inbound('sms', {
      customer: { phone, name: 'Chloé Martin' },
      text: 'Toujours rien reçu ce matin.',
    });
    expect(threaded).toBe(caseId);
    await eventually(
      async () =>
        (await relais.stores.timeline.forCase(caseId)).some((e) => e.type === 'channel-switch'),
      'the channel switch',
    );

    await ana.reload();
    const moved = await act(ana, 'transfer', {
      toQueue: 'claims',
      reason: 'Enquête transporteur',
    });
    await expect(moved.getAttribute('class')).resolves.toContain('ok');
    await expect(ana.locator('[data-testid="assignee"]').textContent()).resolves.toBe('—');

    await bruno.reload();
    await expect((await act(bruno, 'claim')).getAttribute('class')).resolves.toContain('ok');
    await expect(bruno.locator('[data-testid="assignee"]').textContent()).resolves.toBe('agent2');
    const resolved = await act(bruno, 'resolve', { reason: 'Colis livré' });
    await expect(resolved.getAttribute('class')).resolves.toContain('ok');
    await expect(bruno.locator('[data-testid="case-status"]').textContent()).resolves.toMatch(
      /Resolved|Survey sent|Closed/,
    );
    // Resolved: reopen is what is left to do.
    await bruno.locator('form[data-action="reopen"]').waitFor();
    await screenshot(bruno, 'desk-case-resolved');
  });

  it('shows the customer 360° view with both channels of the case', async () => {
    await bruno.locator('a', { hasText: '360°' }).click();
    await bruno.waitForURL('**/customers/**');
    const row = bruno.locator(`[data-testid="customer-cases"] tr[data-case-id="${caseId}"]`);
    await expect(row.locator('.badge').allTextContents()).resolves.toEqual(['Email', 'SMS']);
    await bruno.locator('li[data-type="channel-switch"]').waitFor();
    await screenshot(bruno, 'desk-customer');
  });

  it('gives supervisors the dashboard with the backlog and KPIs, and keeps agents out', async () => {
    await inbound('email', {
      customer: { email: `other-${tag}@exemple.fr`, name: 'Hugo Bernard' },
      subject: 'Changement d’adresse',
      text: 'Bonjour, je déménage le mois prochain.',
    });
    const supervisor = await newPage('supervisor', 'relais-supervisor');
    await eventually(async () => (await relais.stores.tasks.listOpen()).length > 0, 'a backlog');
    await supervisor.goto(`${designer.url}/dashboard`);
    await supervisor.locator('[data-testid="backlog"] tbody tr').first().waitFor();
    const opened = supervisor.locator('[data-kpi="opened"] .value');
    await expect(opened.textContent().then(Number)).resolves.toBeGreaterThanOrEqual(2);
    await expect(
      supervisor.locator('[data-kpi="first-response"] .value').textContent(),
    ).resolves.not.toBe('—');
    await expect(supervisor.locator('[data-kpi="fcr"] .value').textContent()).resolves.toBe('0 %');
    await supervisor.locator('#daily-title').waitFor();
    await screenshot(supervisor, 'desk-dashboard');

    const res = await ana.goto(`${designer.url}/dashboard`);
    expect(res?.status()).toBe(403);
  });
});
