import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { RuleSet } from '../../rules/model/ruleSet';
import { startDesigner, type DesignerServer } from '../support/designerServer';
import { freshDatabase } from '../support/relaisWorker';
import type { Mongo } from '../../worker/store/mongo';
import type { Stores } from '../../worker/store/stores';
import { launchChromium, patience, screenshot, signedInPage } from './support/browser';

let browser: Browser;
let designer: DesignerServer;
let mongo: Mongo;
let stores: Stores;

beforeAll(async () => {
  let uri: string;
  ({ mongo, stores, uri } = await freshDatabase());
  // No worker: the editor's pages and actions only read and write MongoDB.
  designer = await startDesigner({ mongoUri: uri, taskQueue: `unused-${randomUUID()}` });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await designer?.process.stop();
  await mongo?.close();
});

async function managerPage(lang: 'fr' | 'en', width = 1440): Promise<Page> {
  const page = await signedInPage(browser, designer.url, 'manager', 'relais-manager', lang);
  onTestFinished(() => page.context().close());
  await page.setViewportSize({ width, height: 900 });
  return page;
}

/** The billing rule's route action, in the editor, with its queue emptied by the manager. */
async function emptyBillingQueue(page: Page) {
  await page.goto(`${designer.url}/rules/default`, { ...patience, waitUntil: 'networkidle' });
  const card = page.locator('article.card[data-rule-id="route-billing"]');
  // A click that lands before hydration opens nothing on a busy machine: click again until open.
  const toggle = card.locator('header button[aria-expanded]');
  await expect
    .poll(
      async () => {
        if ((await toggle.getAttribute('aria-expanded', patience)) !== 'true')
          await toggle.click(patience);
        return toggle.getAttribute('aria-expanded', patience);
      },
      { timeout: 120_000, interval: 1_000 },
    )
    .toBe('true');
  const action = card.locator('[data-action="route"]');
  await action.locator('select[required]').selectOption('');
  return { card, action };
}

const draftQueue = async () => {
  const draft = (await stores.ruleSets.draftDoc('default'))?.ruleSet as RuleSet | undefined;
  const rule = draft?.rules.find((r) => r.id === 'route-billing');
  const route = rule?.actions.find((a) => a.type === 'route');
  return route?.queue ?? null;
};

describe('the rule editor shows what the schema refuses, where it is', () => {
  it('flags an empty queue on its field, counts it, and blocks publishing', async () => {
    const page = await managerPage('en');
    const { card, action } = await emptyBillingQueue(page);

    const problem = action.locator('.issues li.error');
    await expect(problem.textContent()).resolves.toContain('Queue: required');
    await expect(card.getAttribute('class')).resolves.toContain('has-error');
    await expect(card.locator('h3 .badge.error').textContent()).resolves.toBe('1 error');
    await expect(page.locator('.status .badge.error').textContent()).resolves.toBe('1 error');
    await expect(page.locator('.status .badge.ok').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Publish…' }).isDisabled()).resolves.toBe(true);
    await screenshot(page, 'rule-editor-problem-1440');

    // Filling the queue again clears the problem.
    await action.locator('select[required]').selectOption('billing');
    await expect.poll(() => problem.count(), patience).toBe(0);
    await expect(page.locator('.status .badge.ok').count()).resolves.toBe(1);
  });

  it("shows the server's refusal of a save on the field, in French, and saves nothing", async () => {
    const page = await managerPage('fr', 390);
    const before = await draftQueue();
    const { action } = await emptyBillingQueue(page);

    const answered = page.waitForResponse((r) => r.url().includes('?/save'));
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    // An enhanced form action answers 200 and carries the action's own status in its body.
    await expect((await answered).json()).resolves.toMatchObject({ type: 'failure', status: 400 });

    const alert = page.locator('.alert.not-saved');
    await expect(alert.textContent(patience)).resolves.toContain('le serveur a trouvé 1 problème');
    await expect(action.locator('.issues li.error').textContent()).resolves.toContain(
      'File : obligatoire',
    );
    await expect(page.locator('.status .badge.error').textContent()).resolves.toBe('1 erreur');
    await expect(page.getByRole('button', { name: 'Publier…' }).isDisabled()).resolves.toBe(true);
    await screenshot(page, 'rule-editor-refused-390');
    expect(await draftQueue()).toBe(before);
  });
});
