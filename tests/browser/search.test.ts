import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startDevStack, type DevStack } from '../support/devStack';
import { uniqueLetters } from '../support/uniqueLetters';
import { launchChromium, patience, polling, screenshot, signedInPage } from './support/browser';

/**
 * The header's search box and the customer list (issue 11 §4), in Chromium on the real designer
 * and worker: a phone number typed as people say it finds the customer stored in E.164, a case
 * reference and a word without its accent find the case; at 1440 px in English, 390 px in French.
 */

let browser: Browser;
let stack: DevStack;
let url: string;

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startDevStack({ designer: true })]);
  url = stack.designer!.url;
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A customer by SMS with a number no other test uses, and a case with a word of its own. */
async function smsCustomer(name: string, word: string) {
  const phone = `+336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const res = await fetch(`${url}/api/inbound/sms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...stack.designer!.auth },
    body: JSON.stringify({
      messageId: randomUUID(),
      customer: { phone, name },
      text: `Bonjour, ma ${word} est arrivée cassée.`,
    }),
  });
  expect(res.status).toBe(202);
  const { customerId, caseId } = (await res.json()) as { customerId: string; caseId: string };
  // "06 12 34 56 78": how an agent reads it out of a customer's mail.
  const spoken = `0${phone.slice(3)}`.replace(/(\d\d)(?=\d)/g, '$1 ');
  return { customerId, caseId, phone, spoken, ref: caseId.slice(0, 8).toUpperCase() };
}

async function page(lang: 'en' | 'fr', width: number): Promise<Page> {
  const p = await signedInPage(browser, url, 'agent', 'relais-agent', lang);
  onTestFinished(() => p.context().close());
  await p.setViewportSize({ width, height: 900 });
  return p;
}

/** Types into the header's box and submits, as an agent would; on a phone it is in the bar too. */
async function searchFromHeader(p: Page, q: string) {
  const box = p.locator('header .search-box input[name="q"]');
  await box.fill(q, patience);
  await Promise.all([p.waitForURL(/\/search\?q=/, patience), box.press('Enter')]);
}

/** The page's results once the worker has indexed the case: reloads until they show. */
async function resultsShow(p: Page, q: string, testId: string, text: string) {
  await expect
    .poll(async () => {
      await p.goto(`${url}/search?q=${encodeURIComponent(q)}`, patience);
      return p.locator(`[data-testid="${testId}"]`).textContent(patience);
    }, polling)
    .toContain(text);
}

const overflow = (p: Page) =>
  p.evaluate<number>(
    '(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)()',
  );

describe('search and customer list', () => {
  it.each([
    { lang: 'en', width: 1440, name: 'Zéphyrine Quesnel', word: 'théière' },
    { lang: 'fr', width: 390, name: 'Anatole Vautrin', word: 'cafetière' },
  ] as const)(
    'finds a customer by phone, a case by reference and by word at $width px ($lang)',
    async ({ lang, width, name, word }) => {
      const tag = uniqueLetters(8);
      const unique = `${word}${tag}`;
      const c = await smsCustomer(`${name} ${tag}`, unique);
      const p = await page(lang, width);
      await p.goto(`${url}/tasks`, patience);

      await searchFromHeader(p, c.spoken);
      await expect
        .poll(() => p.locator('[data-testid="found-customers"]').textContent(), polling)
        .toContain(`${name} ${tag}`);
      expect(await p.locator('[data-testid="found-customers"]').textContent()).toContain(c.spoken);
      await screenshot(p, `search-phone-${width}-${lang}`);
      expect(await overflow(p)).toBeLessThanOrEqual(0);
      await Promise.all([
        p.waitForURL(new RegExp(`/customers/${c.customerId}$`), patience),
        p.locator('[data-testid="found-customers"] a', { hasText: name }).click(),
      ]);

      // The accent left out, as agents type.
      const folded = unique.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      await resultsShow(p, folded, 'found-cases', c.ref);
      await screenshot(p, `search-word-${width}-${lang}`);
      expect(await overflow(p)).toBeLessThanOrEqual(0);

      await searchFromHeader(p, c.ref.toLowerCase());
      const link = p.locator('[data-testid="found-cases"] a', { hasText: c.ref });
      await link.waitFor(patience);
      await Promise.all([p.waitForURL(new RegExp(`/cases/${c.caseId}$`), patience), link.click()]);
    },
  );

  it('lists customers, the most recently heard from first', async () => {
    const tag = uniqueLetters(8);
    const c = await smsCustomer(`Dernier ${tag}`, 'bouilloire');
    for (const [lang, width, title] of [
      ['en', 1440, 'Customers'],
      ['fr', 390, 'Clients'],
    ] as const) {
      const p = await page(lang, width);
      await expect
        .poll(async () => {
          await p.goto(`${url}/customers`, patience);
          return p.locator('[data-testid="customer-table"] tbody tr').first().textContent(patience);
        }, polling)
        .toContain(`Dernier ${tag}`);
      expect(await p.locator('h1').textContent()).toBe(title);
      expect(await p.locator('main').textContent()).toContain(c.spoken);
      await screenshot(p, `customers-${width}-${lang}`);
      expect(await overflow(p)).toBeLessThanOrEqual(0);
      // The list's own box leads to the same search.
      const box = p.locator('main .search-box input[name="q"]');
      await box.fill(`dernier ${tag}`);
      await Promise.all([p.waitForURL(/\/search\?q=/, patience), box.press('Enter')]);
      await p.locator('[data-testid="found-customers"] a', { hasText: tag }).waitFor(patience);
    }
  });
});
