import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startDevStack, type DevStack } from '../support/devStack';
import { launchChromium, patience, polling, screenshot, signedInPage } from './support/browser';

let browser: Browser;
let stack: DevStack;
let url: string;

beforeAll(async () => {
  stack = await startDevStack({ designer: true });
  url = stack.designer!.url;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function inboundEmail(body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${url}/api/inbound/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...stack.designer!.auth },
    body: JSON.stringify({ messageId: randomUUID(), ...body }),
  });
  const text = await res.text();
  expect(res.status, text).toBe(202);
  return (JSON.parse(text) as { caseId: string }).caseId;
}

/** A billing case decided twice: its first email, then a follow-up threaded into it. */
async function redecidedBillingCase(): Promise<string> {
  const tag = randomUUID().slice(0, 8);
  const customer = { email: `backtest-${tag}@exemple.fr`, name: 'Inès Morel' };
  const caseId = await inboundEmail({
    customer,
    thread: `invoice-${tag}`,
    subject: 'Erreur sur ma facture',
    text: 'Ma facture de mars comporte deux fois les frais de livraison.',
  });
  await expect
    .poll(async () => (await stack.relais.stores.decisions.forCase(caseId)).length, polling)
    .toBe(1);
  const threaded = await inboundEmail({
    customer,
    thread: `invoice-${tag}`,
    subject: 'Re: Erreur sur ma facture',
    text: 'Toujours pas de correction sur ma facture, merci de regarder.',
  });
  expect(threaded).toBe(caseId);
  await expect
    .poll(async () => (await stack.relais.stores.decisions.forCase(caseId)).length, polling)
    .toBe(2);
  return caseId;
}

/** A manager's page that records every uncaught error of the page's scripts. */
async function managerPage(width: number): Promise<{ page: Page; errors: Error[] }> {
  const page = await signedInPage(browser, url, 'manager', 'relais-manager', 'en');
  onTestFinished(() => page.context().close());
  await page.setViewportSize({ width, height: 900 });
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  return { page, errors };
}

describe('the backtest page', () => {
  it('shows a case decided twice once, on its latest decision, after a rule is disabled', async () => {
    const caseId = await redecidedBillingCase();
    const { page, errors } = await managerPage(1440);

    // Disable the billing rule and save the draft, as a manager would.
    await page.goto(`${url}/rules/default`, patience);
    const card = page.locator('article.card[data-rule-id="route-billing"]');
    await card.getByLabel('Enabled').uncheck();
    const saved = page.waitForResponse((r) => r.url().includes('?/save'));
    await page.getByRole('button', { name: 'Save draft' }).click();
    expect((await saved).status()).toBe(200);

    await page.goto(`${url}/rules/default/backtest`, patience);
    const caseLinks = page.locator(`tbody a[href="/cases/${caseId}"]`);
    await caseLinks.first().waitFor(patience);
    await expect(caseLinks.count()).resolves.toBe(1);
    const stat = (label: string) =>
      page.locator('.stats > div', { has: page.locator('dt', { hasText: label }) }).locator('dd');
    await expect(stat('Cases replayed').textContent()).resolves.toBe('1');
    await expect(stat('Queue changes').textContent()).resolves.toBe('1');
    const row = page.locator('tbody tr', { has: page.locator(`a[href="/cases/${caseId}"]`) });
    await expect(row.locator('td').nth(2).textContent()).resolves.toContain('billing');
    await expect(row.locator('td').nth(3).textContent()).resolves.toContain('general');
    await screenshot(page, 'backtest-redecided-1440');

    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'backtest-redecided-390');
    expect(errors).toEqual([]);
  });
});
