import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerExportSchema } from '../../worker/privacy/exportDocument';
import { startDevStack, type DevStack } from '../support/devStack';
import { launchChromium, patience, polling, screenshot, signedInPage } from './support/browser';

/**
 * Consent proof, export and access log as a manager sees them (issue 13 §4–§6), in Chromium on
 * the real designer and worker, at 1440 and 390 px.
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

const wording = 'J’accepte de recevoir des SMS de suivi. Répondez STOP pour arrêter.';

/** STOP by SMS: recorded in the consent ledger, no case opened (200, not 202). */
async function stopBySms(phone: string) {
  const res = await fetch(`${url}/api/inbound/sms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...stack.designer!.auth },
    body: JSON.stringify({ messageId: randomUUID(), customer: { phone }, text: 'STOP' }),
  });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ caseId: null });
}

/** A customer who ticked the SMS opt-in on a form, then answered STOP. */
async function optedOutCustomer() {
  const phone = `+3362${String(Date.now()).slice(-7)}`;
  const first = await fetch(`${url}/api/inbound/webform`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...stack.designer!.auth },
    body: JSON.stringify({
      messageId: randomUUID(),
      customer: {
        email: `preuve.${randomUUID().slice(0, 8)}@exemple.fr`,
        name: 'Camille Preuve',
        phone,
        smsOptIn: true,
        smsOptInWording: wording,
      },
      category: 'facturation',
      subject: 'Facture',
      text: 'Bonjour, une question sur ma facture.',
    }),
  });
  expect(first.status).toBe(202);
  const { customerId } = (await first.json()) as { customerId: string };
  await stopBySms(phone);
  return customerId;
}

describe('personal data pages', () => {
  it('shows the consent proof on the 360° page, exports, and logs both for the access log', async () => {
    const customerId = await optedOutCustomer();
    const page = await signedInPage(browser, url, 'manager', 'relais-manager', 'en');
    await page.goto(`${url}/customers/${customerId}`, patience);
    const proof = page.locator('[data-testid="consent-proof"]');
    await proof.waitFor(patience);
    const rows = proof.locator('tbody tr');
    // Newest first: the two withdrawals by the STOP, then the grant with the form's words.
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(2).textContent()).toContain(wording);
    expect(await rows.nth(2).textContent()).toContain('Web form');
    expect(await rows.nth(0).textContent()).toContain('Withdrawn');
    expect(await rows.nth(0).textContent()).toContain('STOP');
    await screenshot(page, 'privacy-customer-1440-en');

    const [download] = await Promise.all([
      page.waitForEvent('download', patience),
      page.locator('[data-testid="export-customer"]').click(),
    ]);
    const doc = CustomerExportSchema.parse(
      JSON.parse(readFileSync((await download.path())!, 'utf8')),
    );
    expect(doc.customerId).toBe(customerId);
    expect(doc.mongo.consents).toHaveLength(3);

    await page.goto(`${url}/access-log`, patience);
    const log = page.locator('[data-testid="access-log"]');
    await log.waitFor(patience);
    expect(await log.locator('tr[data-action="export"]').first().textContent()).toContain(
      'Camille Preuve',
    );
    expect(await log.locator('tr[data-action="view-customer"]').count()).toBeGreaterThan(0);
    await page.locator('select[name="user"]').selectOption('supervisor');
    await page.locator('[data-testid="access-filter"] button.primary').click();
    await page.waitForURL(/user=supervisor/, patience);
    await page.locator('text=No access recorded for this filter.').waitFor(patience);
    await screenshot(page, 'privacy-access-log-1440-en');
    await page.context().close();
  });

  it('lets an agent record a consent heard on the phone, with its words as the proof', async () => {
    const customerId = await optedOutCustomer();
    const page = await signedInPage(browser, url, 'agent', 'relais-agent', 'fr');
    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto(`${url}/customers/${customerId}`, { ...patience, waitUntil: 'networkidle' });
    const form = page.locator('[data-testid="record-consent"]');
    await page.getByText('Enregistrer un consentement recueilli').click();
    await form.locator('select[name="purpose"]').selectOption('survey');
    await form.locator('input[name="decision"][value="granted"]').check();
    // No words, no proof: refused on the field, nothing written.
    await form.locator('button[type="submit"]').click();
    await form.getByText('Écrivez ce qui a été dit au client et sa réponse').waitFor(patience);
    await expect(
      form.locator('textarea[name="wording"]').getAttribute('aria-invalid'),
    ).resolves.toBe('true');
    expect(await stack.relais.stores.consents.forCustomer(customerId)).toHaveLength(3);

    const heard = 'Au téléphone : « Oui, vous pouvez m’envoyer les enquêtes par SMS. »';
    await form.locator('textarea[name="wording"]').fill(heard);
    await form.locator('button[type="submit"]').click();
    await form.locator('[data-testid="consent-recorded"]').waitFor(patience);
    const newest = page.locator('[data-testid="consent-proof"] tbody tr').first();
    await expect.poll(() => newest.textContent(), polling).toContain(heard);
    expect(await newest.textContent()).toContain('Conseiller');
    await screenshot(page, 'privacy-record-consent-390-fr');
    const record = (await stack.relais.stores.consents.current(customerId)).get('sms:survey');
    expect(record).toMatchObject({ granted: true, source: 'agent', wording: heard, ref: 'agent' });
    await page.context().close();
  });

  it('fits a phone screen, in French', async () => {
    const customerId = await optedOutCustomer();
    const page = await signedInPage(browser, url, 'manager', 'relais-manager', 'fr');
    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto(`${url}/customers/${customerId}`, patience);
    await page.locator('h2', { hasText: 'Consentement' }).waitFor(patience);
    await screenshot(page, 'privacy-customer-390-fr');
    await page.goto(`${url}/access-log?customer=${customerId}`, patience);
    await page.locator('h1', { hasText: 'Journal d’accès' }).waitFor(patience);
    await screenshot(page, 'privacy-access-log-390-fr');
    const overflow = await page.evaluate<number>(
      "(() => { const main = document.querySelector('main'); return main.scrollWidth - main.clientWidth; })()",
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});
