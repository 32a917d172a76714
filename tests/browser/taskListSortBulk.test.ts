import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { claimUpdate } from '../../workflows/contracts/case';
import { caseWorkflowId } from '../../workflows/contracts/customer';
import { startDevStack, type DevStack } from '../support/devStack';
import { backlogTask, storeTasks } from '../support/taskFixtures';
import { launchChromium, patience, polling, screenshot, signedInPage } from './support/browser';

/**
 * The task list's sortable columns and the supervisor's bulk transfer, on the built designer and
 * real case workflows; an agent is offered no bulk action and is refused one.
 */

let browser: Browser;
let stack: DevStack;
let url: string;

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startDevStack({ designer: true });
  url = stack.designer!.url;
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const passwords = { agent: 'relais-agent', supervisor: 'relais-supervisor' } as const;

async function as(user: keyof typeof passwords, lang: 'fr' | 'en', width = 1440): Promise<Page> {
  const page = await signedInPage(browser, url, user, passwords[user], lang);
  await page.setViewportSize({ width, height: 900 });
  onTestFinished(() => page.context().close());
  return page;
}

/** A customer's email, once its case has its agent task. */
async function newCase(): Promise<string> {
  const tag = randomUUID().slice(0, 8);
  const res = await fetch(`${url}/api/inbound/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...stack.designer!.auth },
    body: JSON.stringify({
      messageId: randomUUID(),
      customer: { email: `bulk-${tag}@exemple.fr`, name: `Client ${tag}` },
      subject: `Facture en double ${tag}`,
      text: 'Bonjour, j’ai été facturé deux fois.',
    }),
  });
  const text = await res.text();
  expect(res.status, text).toBe(202);
  const { caseId } = JSON.parse(text) as { caseId: string };
  await expect
    .poll(async () => (await stack.relais.stores.tasks.get(caseId))?.queue, polling)
    .toBeTruthy();
  return caseId;
}

const rowIds = (page: Page) =>
  page
    .locator('tbody tr[data-case-id]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-case-id')));

describe('the task list', () => {
  it('sorts by queue in the query when its column header is clicked', async () => {
    const tag = randomUUID().slice(0, 6);
    // Queue ids that sort before any other: these tasks open the list in queue order.
    const tasks = ['002', '000', '001'].map((q, i) =>
      backlogTask(9000 + i, {
        taskId: `sort-${tag}-${q}`,
        caseId: `sort-${tag}-${q}`,
        queue: `${q}-${tag}`,
        priority: 5 - i,
      }),
    );
    await storeTasks(stack.relais.stores, tasks);
    const page = await as('agent', 'en');
    await page.goto(`${url}/tasks`, patience);
    await page.locator('thead th a', { hasText: 'Queue' }).click();
    await page.waitForURL(/sort=queue/, patience);
    await expect
      .poll(async () => (await rowIds(page)).slice(0, 3), polling)
      .toEqual([`sort-${tag}-000`, `sort-${tag}-001`, `sort-${tag}-002`]);
    await expect(page.locator('th[aria-sort="ascending"]').textContent()).resolves.toContain(
      'Queue',
    );
  });

  it('lets a supervisor transfer several cases at once and reports each one', async () => {
    const free = await newCase();
    const held = await newCase();
    // Ana holds the second case: the supervisor's transfer of it is refused, the other goes on.
    await stack.client.workflow
      .getHandle(caseWorkflowId(held))
      .executeUpdate(claimUpdate, { args: [{ agentId: 'agent' }] });
    const from = (await stack.relais.stores.tasks.get(free))!.queue;
    const to = (await stack.relais.stores.queues.list()).find((q) => q._id !== from)!;

    const page = await as('supervisor', 'en');
    await page.goto(`${url}/tasks`, patience);
    for (const caseId of [free, held])
      await page.locator(`tr[data-case-id="${caseId}"] input[type="checkbox"]`).check(patience);
    const bulk = page.getByTestId('bulk-form');
    await expect(bulk.textContent()).resolves.toContain('2 tasks selected');
    await bulk.locator('select[name="toQueue"]').selectOption(to._id);
    await bulk.locator('input[name="reason"]').fill('Rééquilibrage de la charge');
    await bulk.locator('button.primary').click();

    const report = page.getByTestId('bulk-report');
    await report.waitFor(patience);
    await expect(report.textContent()).resolves.toContain('1 of 2 done.');
    await expect(report.locator('li[data-outcome="done"]').textContent()).resolves.toContain(
      'done',
    );
    // Refused in words, with the holder's name, never an id.
    const refused = (await report.locator('li[data-outcome="refused"]').textContent()) ?? '';
    expect(refused).toContain('Ana Costa');
    expect(refused).not.toContain(held);
    await expect
      .poll(async () => (await stack.relais.stores.tasks.get(free))?.queue, polling)
      .toBe(to._id);
    expect((await stack.relais.stores.tasks.get(held))?.assignee).toBe('agent');
    await screenshot(page, 'task-list-bulk-1440');
    await page.setViewportSize({ width: 390, height: 900 });
    await screenshot(page, 'task-list-bulk-390');
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { body: { scrollWidth: number } } }).document.body
            .scrollWidth,
      ),
    ).toBeLessThanOrEqual(390);
  });

  it('words a bulk assignment in French, and assigns the case to the agent', async () => {
    const caseId = await newCase();
    const page = await as('supervisor', 'fr', 390);
    await page.goto(`${url}/tasks`, patience);
    await page.locator(`tr[data-case-id="${caseId}"] input[type="checkbox"]`).check(patience);
    const bulk = page.getByTestId('bulk-form');
    await bulk.locator('input[name="mode"][value="assign"]').check();
    await bulk.locator('select[name="toAgent"]').selectOption('agent');
    await bulk.locator('input[name="reason"]').fill('Cliente connue d’Ana');
    await bulk.locator('button.primary').click();
    const report = page.getByTestId('bulk-report');
    await report.waitFor(patience);
    await expect(report.textContent()).resolves.toContain('1 sur 1 effectuées.');
    await expect
      .poll(async () => (await stack.relais.stores.tasks.get(caseId))?.assignee, polling)
      .toBe('agent');
  });

  it('offers an agent no bulk action, and refuses one posted anyway', async () => {
    const caseId = await newCase();
    const page = await as('agent', 'en');
    await page.goto(`${url}/tasks`, patience);
    await page.locator(`tr[data-case-id="${caseId}"]`).waitFor(patience);
    expect(await page.getByTestId('bulk-form').count()).toBe(0);
    expect(await page.locator('tbody input[type="checkbox"]').count()).toBe(0);

    const res = await page.request.post(`${url}/tasks?/bulk`, {
      form: { mode: 'transfer', caseId, toQueue: 'general', reason: 'x' },
      headers: { accept: 'application/json', origin: url, 'x-sveltekit-action': 'true' },
    });
    const body = (await res.json()) as { type: string; status: number };
    expect(body).toMatchObject({ type: 'failure', status: 403 });
    expect((await stack.relais.stores.tasks.get(caseId))?.assignee).toBeNull();
  });
});
