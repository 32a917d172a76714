import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevStack, type DevStack } from '../support/devStack';
import { launchChromium, patience, screenshot, signedInPage } from './support/browser';

/**
 * A manager erases a customer from the 360° page (issue 13 §2), in Chromium on the real
 * designer and worker, at 1440 px in English and 390 px in French.
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

async function webformCustomer(name: string): Promise<string> {
  const res = await fetch(`${url}/api/inbound/webform`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...stack.designer!.auth },
    body: JSON.stringify({
      messageId: randomUUID(),
      customer: { email: `oubli.${randomUUID().slice(0, 8)}@exemple.fr`, name },
      category: 'facturation',
      subject: 'Facture',
      text: 'Bonjour, une question sur ma facture.',
    }),
  });
  expect(res.status).toBe(202);
  const { customerId, caseId } = (await res.json()) as { customerId: string; caseId: string };
  // Erased once its case is under way (the acknowledgement written).
  const deadline = Date.now() + 60_000;
  while ((await stack.relais.stores.outbox.forCase(caseId)).length === 0) {
    if (Date.now() > deadline) throw new Error('no acknowledgement');
    await new Promise((r) => setTimeout(r, 200));
  }
  return customerId;
}

async function eraseFromThePage(
  lang: 'en' | 'fr',
  width: number,
  words: { button: string; confirm: string; certificate: string },
) {
  const name = lang === 'en' ? 'Oscar Forget' : 'Odile Oubli';
  const customerId = await webformCustomer(name);
  const page = await signedInPage(browser, url, 'manager', 'relais-manager', lang);
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${url}/customers/${customerId}`, patience);
  const button = page.locator('[data-testid="erase-customer"]');
  await button.waitFor(patience);
  expect(await button.textContent()).toContain(words.button);
  await button.click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor(patience);
  expect(await dialog.textContent()).toContain(name);
  await screenshot(page, `erasure-confirm-${width}-${lang}`);
  await page.locator('[data-testid="confirm-erase"]', { hasText: words.confirm }).click();

  await page.waitForURL(new RegExp(`/customers/${customerId}/erased$`), patience);
  const certificate = page.locator('[data-testid="erasure-certificate"]');
  await certificate.waitFor(patience);
  expect(await page.locator('h1').textContent()).toContain(words.certificate);
  expect(await page.locator('main').textContent()).not.toContain(name);
  await screenshot(page, `erasure-certificate-${width}-${lang}`);
  const overflow = await page.evaluate<number>(
    "(() => { const main = document.querySelector('main'); return main.scrollWidth - main.clientWidth; })()",
  );
  expect(overflow).toBeLessThanOrEqual(0);

  expect(await stack.relais.stores.customers.get(customerId)).toBeNull();
  // The 360° page of an erased customer is gone.
  const gone = await page.goto(`${url}/customers/${customerId}`, patience);
  expect(gone?.status()).toBe(404);
  await page.context().close();
}

describe('erasure from the 360° page', () => {
  it('asks for confirmation, erases, and shows the certificate (1440 px, English)', () =>
    eraseFromThePage('en', 1440, {
      button: 'Erase the customer',
      confirm: 'Erase for good',
      certificate: 'Erasure certificate',
    }));

  it('fits a phone screen, in French (390 px)', () =>
    eraseFromThePage('fr', 390, {
      button: 'Effacer le client',
      confirm: 'Effacer définitivement',
      certificate: 'Certificat d’effacement',
    }));

  it('refuses the API to anyone but a manager', async () => {
    const customerId = await webformCustomer('Agathe Refus');
    const anonymous = await fetch(`${url}/api/customers/${customerId}/erase`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
    const page = await signedInPage(browser, url, 'agent', 'relais-agent', 'en');
    const asAgent = await page.request.post(`${url}/api/customers/${customerId}/erase`);
    expect(asAgent.status()).toBe(403);
    await page.context().close();
    expect(await stack.relais.stores.customers.get(customerId)).not.toBeNull();
  });
});
