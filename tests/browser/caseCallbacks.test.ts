import { randomInt, randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startDevStack, type DevStack } from '../support/devStack';
import {
  launchChromium,
  patience,
  polling,
  screenshot,
  signedInPage,
  useLanguage,
} from './support/browser';

/**
 * The case page's callbacks: resolving asks what to do with the scheduled ones, and a time in
 * the past is refused in the agent's language. Each test opens its own case and signs in alone.
 */

let browser: Browser;
let stack: DevStack;
let url: string;
let token: string;

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startDevStack({ designer: true });
  url = stack.designer!.url;
  ({ token } = await stack.relais.stores.apiTokens.create({
    name: 'callbacks test',
    scopes: ['inbound:write'],
    createdBy: 'manager',
  }));
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A new customer's email (with a phone to call back), once its case has its agent task. */
async function openCase(): Promise<string> {
  const tag = randomUUID().slice(0, 8);
  const res = await fetch(`${url}/api/inbound/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      messageId: randomUUID(),
      customer: {
        email: `rappel-${tag}@exemple.fr`,
        phone: `+336${randomInt(10_000_000, 100_000_000)}`,
        name: 'Hugo Petit',
      },
      subject: `Appelez-moi ${tag}`,
      text: 'Bonjour, pouvez-vous me rappeler au sujet de ma commande ?',
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

/** The agent's page on the case, claimed by them. */
async function claimedCase(lang: 'fr' | 'en'): Promise<{ page: Page; caseId: string }> {
  const caseId = await openCase();
  const page = await signedInPage(browser, url, 'agent', 'relais-agent', lang);
  onTestFinished(() => page.context().close());
  await page.goto(`${url}/cases/${caseId}`, patience);
  await expect((await act(page, 'claim')).getAttribute('class')).resolves.toContain('ok');
  return { page, caseId };
}

/** Submits one of the case page's forms and returns the answer: done banner or refusal. */
async function act(page: Page, action: string, fill: Record<string, string> = {}) {
  const form = page.locator(`form[data-action="${action}"]`).first();
  for (const [name, value] of Object.entries(fill))
    await form.locator(`[name="${name}"]`).fill(value, patience);
  await form.locator('button').last().click(patience);
  const answer = page.locator(
    `[data-testid="action-done"][data-action="${action}"], form[data-action="${action}"] .alert.error`,
  );
  await answer.waitFor(patience);
  return answer;
}

/** `datetime-local` text for two days ago, in the browser's (this machine's) time zone. */
function twoDaysAgo(): string {
  const d = new Date(Date.now() - 2 * 24 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

describe('callbacks on the case page', () => {
  it('asks on resolve what to do with a scheduled callback, and cancels it by default', async () => {
    const { page, caseId } = await claimedCase('en');
    const scheduled = await act(page, 'scheduleCallback', { reason: 'Call after 6 pm' });
    await expect(scheduled.getAttribute('class')).resolves.toContain('ok');

    const resolveForm = page.locator('form[data-action="resolve"]');
    const cancel = resolveForm.locator('input[name="pendingCallbacks"][value="cancel"]');
    await cancel.waitFor(patience);
    await expect(cancel.isChecked()).resolves.toBe(true);
    await expect(resolveForm.textContent()).resolves.toContain('A callback is still scheduled');
    await screenshot(page, 'case-resolve-callbacks');

    const resolved = await act(page, 'resolve', { reason: 'Order delivered' });
    await expect(resolved.getAttribute('class')).resolves.toContain('ok');
    await expect
      .poll(async () => {
        const tasks = await stack.relais.stores.tasks.forCase(caseId);
        return tasks.filter((t) => t.kind === 'callback').map((t) => t.status);
      }, polling)
      .toEqual(['closed']);
    await page.reload(patience);
    // System events sit folded in the thread: present, shown on a click.
    await page
      .locator('[data-testid="system-events"] li[data-type="callback-cancelled"]')
      .waitFor({ ...patience, state: 'attached' });
  });

  it("refuses a callback time in the past, worded in the agent's language", async () => {
    const { page, caseId } = await claimedCase('fr');
    const refusedFr = await act(page, 'scheduleCallback', {
      at: twoDaysAgo(),
      reason: 'Rappeler avant-hier',
    });
    await expect(refusedFr.getAttribute('class')).resolves.toContain('error');
    await expect(refusedFr.textContent()).resolves.toContain('est déjà passée');
    await screenshot(page, 'case-callback-in-past-fr');

    await useLanguage(page, 'en');
    const refusedEn = await act(page, 'scheduleCallback', {
      at: twoDaysAgo(),
      reason: 'Call the day before yesterday',
    });
    await expect(refusedEn.textContent()).resolves.toContain('has already passed');
    const tasks = await stack.relais.stores.tasks.forCase(caseId);
    expect(tasks.filter((t) => t.kind === 'callback')).toEqual([]);
  });
});
