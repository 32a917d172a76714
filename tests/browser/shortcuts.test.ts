import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startDevStack, type DevStack } from '../support/devStack';
import { launchChromium, patience, polling, screenshot, signedInPage } from './support/browser';

/** The desk's keyboard shortcuts and their help, on the built designer in real Chromium. */

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

async function asAgent(lang: 'fr' | 'en', width = 1440): Promise<Page> {
  const page = await signedInPage(browser, url, 'agent', 'relais-agent', lang);
  await page.setViewportSize({ width, height: 900 });
  onTestFinished(() => page.context().close());
  return page;
}

async function newCase(): Promise<string> {
  const tag = randomUUID().slice(0, 8);
  const res = await fetch(`${url}/api/inbound/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...stack.designer!.auth },
    body: JSON.stringify({
      messageId: randomUUID(),
      customer: { email: `keys-${tag}@exemple.fr`, name: `Client ${tag}` },
      subject: `Question ${tag}`,
      text: 'Bonjour, une question sur ma commande.',
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

const current = (page: Page) =>
  page.locator('tbody tr[data-current]').getAttribute('data-case-id', patience);
/** What has the focus: its data-testid, or its field name in its form's action. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = (
      globalThis as unknown as {
        document: {
          activeElement: {
            getAttribute(n: string): string | null;
            closest(s: string): { getAttribute(n: string): string | null } | null;
          } | null;
        };
      }
    ).document.activeElement;
    return (
      el?.getAttribute('data-testid') ??
      `${el?.closest('form')?.getAttribute('data-action') ?? ''}-text`
    );
  });

describe('keyboard shortcuts', () => {
  it('shows the help on ?, then j and Enter open the first task of the list', async () => {
    await newCase();
    const page = await asAgent('en');
    await page.goto(`${url}/tasks`, patience);
    await page.locator('tbody tr[data-case-id]').first().waitFor(patience);

    await page.keyboard.press('?');
    const help = page.getByTestId('shortcuts');
    await help.waitFor({ state: 'visible', ...patience });
    await expect(help.textContent()).resolves.toContain('Next task');
    await screenshot(page, 'shortcuts-help-1440', false);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden', ...patience });

    await page.keyboard.press('j');
    const first = await page.locator('tbody tr[data-case-id]').first().getAttribute('data-case-id');
    await expect.poll(() => current(page), polling).toBe(first);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/cases/${first}`, patience);
  });

  it('moves with j and k, claims with c, and on the case r and n open the reply and the note', async () => {
    await newCase();
    const caseId = await newCase();
    const page = await asAgent('fr');
    await page.goto(`${url}/tasks`, patience);
    const rows = page.locator('tbody tr[data-case-id]');
    await rows.nth(1).waitFor(patience);
    const ids = await rows.evaluateAll((all) => all.map((r) => r.getAttribute('data-case-id')));
    const at = ids.indexOf(caseId);
    expect(at).toBeGreaterThanOrEqual(0);
    // k from no row starts at the last one, then climbs; j (above) goes down.
    let idx = ids.length - 1;
    await page.keyboard.press('k');
    await expect.poll(() => current(page), polling).toBe(ids[idx]);
    while (idx > at) {
      await page.keyboard.press('k');
      idx -= 1;
      await expect.poll(() => current(page), polling).toBe(ids[idx]);
    }
    await page.keyboard.press('c');
    await expect
      .poll(async () => (await stack.relais.stores.tasks.get(caseId))?.assignee, polling)
      .toBe('agent');

    await page.goto(`${url}/cases/${caseId}`, patience);
    // The keys work once the page has hydrated: its live stream is then open.
    await expect
      .poll(() => page.getByTestId('desk-live').getAttribute('data-open'), polling)
      .toBe('true');
    await page.keyboard.press('r');
    await expect.poll(() => focused(page), polling).toBe('reply-text');
    // Typing in the reply box is text, not shortcuts.
    await page.keyboard.type('n j ?');
    await expect.poll(() => focused(page), polling).toBe('reply-text');
    expect(await page.getByTestId('shortcuts').isVisible()).toBe(false);
    await page.locator('h1').first().click();
    await page.keyboard.press('n');
    await expect.poll(() => focused(page), polling).toBe('note-text');

    await page.setViewportSize({ width: 390, height: 800 });
    await page.locator('h1').first().click();
    await page.keyboard.press('?');
    await page.getByTestId('shortcuts').waitFor({ state: 'visible', ...patience });
    await expect(page.getByTestId('shortcuts').textContent()).resolves.toContain(
      'Écrire une réponse',
    );
    await screenshot(page, 'shortcuts-help-390', false);
  });
});
