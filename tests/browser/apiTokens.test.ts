import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevStack, type DevStack } from '../support/devStack';
import {
  launchChromium,
  newContext,
  patience,
  polling,
  screenshot,
  signIn,
  useLanguage,
} from './support/browser';
import { openWithScriptsHeld } from './support/slowScripts';

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

/** A manager's page at `width` px, with every CSP violation it reports collected. */
async function managerPage(width: number, lang: 'fr' | 'en') {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await signIn(page, url, 'manager', 'relais-manager');
  await useLanguage(page, lang);
  return { page, violations };
}

const postInbound = (token: string) =>
  fetch(`${url}/api/inbound/webform`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      messageId: randomUUID(),
      customer: { email: `tokens-${randomUUID().slice(0, 8)}@exemple.fr`, name: 'Token Test' },
      category: 'facturation',
      subject: 'Question',
      text: 'Bonjour, une question sur ma facture.',
    }),
  });

async function createToken(page: Page, name: string): Promise<string> {
  await page.goto(`${url}/tokens`, patience);
  await page.locator('input[name="name"]').fill(name);
  await page.locator('input[name="scopes"][value="inbound:write"]').check();
  await page.locator('form[action="?/create"] button.primary').click();
  return (await page.locator('[data-testid="new-token"]').textContent(patience))!.trim();
}

describe('API tokens page', () => {
  it('creates a token shown once, which works until a manager revokes it', async () => {
    const { page, violations } = await managerPage(1440, 'en');
    const name = `CRM connector ${randomUUID().slice(0, 4)}`;
    const token = await createToken(page, name);
    expect(token).toMatch(/^relais_[\w-]{43}$/);
    expect((await postInbound(token)).status).toBe(202);
    await screenshot(page, 'tokens-1440-en');

    // Shown once: a reload lists the token by its first characters only.
    await page.reload(patience);
    const row = page.locator(`tr[data-token="${name}"]`);
    await row.waitFor(patience);
    expect(await page.content()).not.toContain(token);
    expect(await row.textContent()).toContain(token.slice(0, 11));

    page.once('dialog', (d) => void d.accept());
    await row.locator('button.danger').click();
    await row.locator('.badge.error').waitFor(patience);
    expect((await postInbound(token)).status).toBe(401);

    const audit = await stack.relais.stores.securityAudit.recent();
    expect(audit.filter((e) => e.tokenName === name).map((e) => [e.action, e.actor])).toEqual([
      ['api-token-revoked', 'manager'],
      ['api-token-created', 'manager'],
    ]);
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('fits a phone screen, in French', async () => {
    const { page, violations } = await managerPage(390, 'fr');
    await createToken(page, `Téléphone ${randomUUID().slice(0, 4)}`);
    await page.locator('h1', { hasText: 'Jetons d’API' }).waitFor(patience);
    await screenshot(page, 'tokens-390-fr');
    // The token list scrolls inside its box; the page itself never scrolls sideways.
    const overflow = await page.evaluate<number>(
      "(() => { const main = document.querySelector('main'); return main.scrollWidth - main.clientWidth; })()",
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('keeps the user on the site after sign-in with a crafted next', async () => {
    for (const next of ['/%5Cevil.example', '/%09/evil.example']) {
      const page = await (await newContext(browser)).newPage();
      await signIn(page, url, 'agent', 'relais-agent', next);
      expect(new URL(page.url()).origin).toBe(url);
      await page.context().close();
    }
  });
});

describe('sign-in page', () => {
  it('keeps a name and password typed while the page was still loading', async () => {
    const page = await (await newContext(browser)).newPage();
    const release = await openWithScriptsHeld(page, `${url}/login`);
    await page.locator('input[name="username"]').fill('agent');
    await page.locator('input[name="password"]').fill('relais-agent');
    release();
    // SvelteKit's client has started once it marks the history entry; its page modules are in
    // once the network is idle, and hydration follows them at once.
    await expect
      .poll(() => page.evaluate<boolean>("'sveltekit:history' in (history.state ?? {})"), polling)
      .toBe(true);
    await page.waitForLoadState('networkidle', patience);
    expect(await page.locator('input[name="username"]').inputValue()).toBe('agent');
    await page.locator('form button.primary').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'), patience);
    await page.context().close();
  });
});
