import { NativeConnection } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../../launcher/paths';
import { queueDoc, testManager } from '../support/catalogueFixtures';
import { startDesigner, type DesignerServer } from '../support/designerServer';
import { createRelaisWorker, eventually, type RelaisTestWorker } from '../support/relaisWorker';
import { launchChromium, screenshot, screenshotOf, signIn, useLanguage } from './support/browser';

let connection: NativeConnection;
let relais: RelaisTestWorker;
let designer: DesignerServer;
let running: Promise<void>;
let stop: () => void;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const ruleName = 'Billing VIP — premium customers writing from the web form about invoices';
/** The case routed by the published rule; it must keep its version after the rollback. */
let vipCaseId = '';

beforeAll(async () => {
  connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  relais = await createRelaisWorker(connection);
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  running = relais.run(() => stopped);
  // The queues the tests route to, in the catalogue the editor picks from.
  for (const id of ['billing-vip', 'billing-desk-2'])
    await relais.stores.queues.save(queueDoc(id), testManager);
  designer = await startDesigner({ mongoUri: relais.mongoUri, taskQueue: relais.taskQueue });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
  page = await context.newPage();
  // Leaving the editor with unsaved edits asks for confirmation: the tests always confirm.
  page.on('dialog', (dialog) => void dialog.accept());
});

afterAll(async () => {
  await browser?.close();
  await designer?.process.stop();
  stop?.();
  await running;
  await connection?.close();
});

/** A premium customer known before they write, as a CRM import would create them. */
async function premiumCustomer(): Promise<string> {
  const email = `vip-${randomUUID().slice(0, 8)}@exemple.fr`;
  await relais.stores.customers.findOrCreate(
    { email },
    {
      name: 'Camille Premium',
      tier: 'premium',
      segment: 'B2C',
      lang: 'fr',
      timezone: 'Europe/Paris',
      smsOptIn: false,
    },
  );
  return email;
}

interface CaseView {
  queue: string | null;
  priority: number | null;
  dueAt: string | null;
  decision: { ruleSetVersion: number; explanation: { outputs: Record<string, string> } } | null;
}

/** Posts a billing web form and waits for the case's decision, through Temporal. */
async function postBillingForm(email: string): Promise<{ caseId: string; view: CaseView }> {
  const res = await fetch(`${designer.url}/api/inbound/webform`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...designer.auth },
    body: JSON.stringify({
      messageId: randomUUID(),
      customer: { email, name: 'Camille Premium' },
      category: 'billing',
      subject: 'Question sur ma facture',
      text: 'Bonjour, je ne comprends pas une ligne de ma dernière facture.',
    }),
  });
  expect(res.status).toBe(202);
  const { caseId } = (await res.json()) as { caseId: string };
  const view = await eventually(async () => {
    const r = await fetch(`${designer.url}/api/cases/${caseId}`, { headers: designer.auth });
    if (r.status !== 200) return null;
    const body = (await r.json()) as CaseView;
    return body.decision && body.queue ? body : null;
  }, `the decision of case ${caseId}`);
  return { caseId, view };
}

/** The publisher caches the latest version for 2 s: let a fresh publish reach the worker. */
const letPublishSettle = () => new Promise((r) => setTimeout(r, 2_500));

const editorUrl = () => `${designer.url}/rules/default`;
const card = (name: string): Locator =>
  page.locator('article.card', { has: page.locator('h3', { hasText: name }) }).first();
const simulation = () => page.locator('[data-testid="simulation"]');

/** The shared corpus sits beside the repository in CI; without it there are no samples. */
const corpusPresent = existsSync(join(repoRoot, '..', 'shared', 'corpus', 'inbound-sample.jsonl'));

async function simulate(contact: {
  channel: string;
  category: string;
  tier: string;
  sample?: RegExp;
}) {
  const panel = page.locator('.simulate');
  if (contact.sample && corpusPresent) {
    // Start from a sample contact of the corpus, then adjust what the rule looks at.
    const sample = panel.locator('optgroup option').filter({ hasText: contact.sample }).first();
    await panel.getByLabel('Start from').selectOption((await sample.getAttribute('value'))!);
    await expect(panel.locator('textarea[name="text"]').inputValue()).resolves.not.toBe('');
  } else {
    await panel.locator('input[name="subject"]').fill('Question sur ma facture');
    await panel.locator('textarea[name="text"]').fill('Je ne comprends pas ma facture de mars.');
  }
  await panel.locator('select[name="channel"]').selectOption(contact.channel);
  await panel.locator('input[name="category"]').fill(contact.category);
  await panel.locator('select[name="customerTier"]').selectOption(contact.tier);
  const answered = page.waitForResponse((r) => r.url().includes('?/simulate'));
  await panel.getByRole('button', { name: 'Simulate' }).click();
  await answered;
  await simulation().waitFor();
}

describe('the rule designer in a real browser', () => {
  it('keeps agents out of the editor', async () => {
    await page.goto(`${designer.url}/rules`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, '01-login');
    await signIn(page, designer.url, 'agent', 'relais-agent');
    expect(new URL(page.url()).pathname).toBe('/tasks');
    await screenshot(page, '02-tasks-agent');
    const res = await page.goto(`${designer.url}/rules/default`);
    expect(res?.status()).toBe(403);
    await expect(page.locator('h1').textContent()).resolves.toMatch(/Accès réservé|restricted/);
    await screenshot(page, '03-forbidden-agent');
    await page.locator('.topbar form[action="/logout"] button').click();
    await page.waitForURL((url) => url.pathname === '/login');
  });

  it('lets a manager build a rule by clicks and typing, simulate it and publish it', async () => {
    await signIn(page, designer.url, 'manager', 'relais-manager');
    expect(new URL(page.url()).pathname).toBe('/rules');
    await screenshot(page, '04-rule-sets-fr');
    await useLanguage(page, 'en');
    await expect(page.locator('h1').textContent()).resolves.toBe('Rule sets');
    await screenshot(page, '05-rule-sets-en');

    await page.getByRole('link', { name: 'Default rules' }).click();
    await page.waitForURL(editorUrl());
    await page.locator('article.card').first().waitFor();
    await screenshot(page, '06-editor');

    await page.getByRole('button', { name: '+ New rule' }).click();
    const rule = page.locator('article.card').first();
    await rule.getByLabel('Name (English)').fill(ruleName);
    await rule.getByLabel('Name (French)').fill('Facturation VIP');

    for (let i = 0; i < 3; i += 1)
      await rule.getByRole('button', { name: '+ Add condition' }).click();
    const leaves = rule.locator('.leaf');
    await expect(leaves.count()).resolves.toBe(3);
    await leaves.nth(0).locator('select.fact').selectOption('channel');
    await leaves.nth(0).getByLabel('Operator').selectOption('equal');
    await leaves.nth(0).locator('[id$="-value"]').selectOption('webform');
    await leaves.nth(1).locator('select.fact').selectOption('category');
    await leaves.nth(1).getByLabel('Operator').selectOption('equal');
    await leaves.nth(1).locator('[id$="-value"]').fill('billing');
    await leaves.nth(2).locator('select.fact').selectOption('customerTier');
    await leaves.nth(2).locator('[id$="-value"]').selectOption('premium');

    const addAction = async (type: string) => {
      await rule.getByRole('button', { name: '+ Add action' }).click();
      await page.getByRole('menuitem', { name: type, exact: true }).click();
    };
    await addAction('Priority');
    await rule.locator('[data-action="setPriority"] select').selectOption('1');
    await addAction('Queue and skills');
    await rule
      .locator('[data-action="route"]')
      .getByLabel('Queue', { exact: true })
      .selectOption('billing-vip');
    await addAction('Promise');
    const promise = rule.locator('[data-action="setPromise"]');
    await promise.locator('input[id$="-first-amount"]').fill('4');
    await promise.locator('select[id$="-first-unit"]').selectOption('hours');

    const text = await rule.locator('[data-testid="rule-text"]').textContent();
    expect(text).toContain('When channel is Web form and category (form or IVR) is "billing"');
    expect(text).toContain('customer tier is Premium');
    expect(text).toContain('priority 1, queue billing-vip, first response within 4 h');
    await screenshot(page, '07-rule-built');
    await screenshotOf(rule, '07b-rule-card');

    await simulate({
      channel: 'webform',
      category: 'billing',
      tier: 'premium',
      sample: /^webform ·/,
    });
    const queue = simulation().locator('tr[data-output="queue"]');
    await expect(queue.textContent()).resolves.toContain('billing-vip');
    await expect(queue.textContent()).resolves.toContain(ruleName);
    await expect(
      simulation().locator('tr[data-output="promise"]').textContent(),
    ).resolves.toContain('4 h');
    const ourTrace = simulation().locator('.trace', { hasText: ruleName });
    await expect(ourTrace.getAttribute('data-fired')).resolves.toBe('true');
    await expect(ourTrace.locator('li[data-result="true"]').count()).resolves.toBe(3);
    await screenshot(page, '08-simulated');
    await simulation().scrollIntoViewIfNeeded();
    await screenshot(page, '08b-simulate-panel', false);

    // A standard customer does not match: the failed condition shows the actual value.
    await simulate({ channel: 'webform', category: 'billing', tier: 'standard' });
    const missed = simulation().locator('.trace', { hasText: ruleName });
    await expect(missed.getAttribute('data-fired')).resolves.toBe('false');
    await expect(missed.locator('li[data-result="false"]').textContent()).resolves.toContain(
      'Standard',
    );

    await page.getByRole('button', { name: 'Publish…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.textContent()).resolves.toContain(ruleName);
    await dialog.getByLabel('Comment for the history').fill('Premium billing goes to the VIP desk');
    await screenshot(page, '09-publish-dialog', false);
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Version 2 published.').waitFor();
  });

  it('routes the next contact by the published rule, end to end through Temporal', async () => {
    await letPublishSettle();
    const { caseId, view } = await postBillingForm(await premiumCustomer());
    vipCaseId = caseId;
    expect(view.queue).toBe('billing-vip');
    expect(view.priority).toBe(1);
    expect(view.decision?.ruleSetVersion).toBe(2);
    const dueIn = Date.parse(view.dueAt!) - Date.now();
    expect(dueIn).toBeGreaterThan(3.9 * 3600_000);
    expect(dueIn).toBeLessThan(4.1 * 3600_000);
  });

  it('will not publish a rule with an error, and shows the error on the condition', async () => {
    await page.goto(editorUrl());
    const rule = card(ruleName);
    await rule.getByRole('button', { name: `Edit: ${ruleName}` }).click();
    await rule.getByRole('button', { name: '+ Add condition' }).click();
    const leaf = rule.locator('.leaf[data-path="all[3]"]');
    await leaf.locator('select.fact').selectOption('subject');
    await leaf.getByLabel('Operator').selectOption('matchesPattern');
    await leaf.locator('[id$="-value"]').fill('(a+)+$');
    const issue = leaf.locator('.issues li.error');
    await issue.waitFor();
    await expect(issue.getAttribute('data-code')).resolves.toBe('UNSAFE_REGEX');
    await expect(leaf.locator('[id$="-value"]').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByRole('button', { name: 'Publish…' }).isDisabled()).resolves.toBe(true);
    await expect(rule.locator('h3 .badge.error').textContent()).resolves.toBe('1 error');
    await screenshotOf(rule, '10-error-on-condition');

    await leaf.getByRole('button', { name: 'Remove condition' }).click();
    await expect(rule.locator('.issues li.error').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Publish…' }).isEnabled()).resolves.toBe(true);
  });

  it('changes the winner in the simulate panel when two rules swap places', async () => {
    await page.goto(editorUrl());
    const rule = card(ruleName);
    await rule.getByRole('button', { name: `Edit: ${ruleName}` }).click();
    await rule.getByRole('button', { name: 'Duplicate' }).click();
    const copy = card(`${ruleName} (copy)`);
    await copy
      .locator('[data-action="route"]')
      .getByLabel('Queue', { exact: true })
      .selectOption('billing-desk-2');

    await simulate({ channel: 'webform', category: 'billing', tier: 'premium' });
    await expect(
      simulation().locator('tr[data-output="queue"] .value').textContent(),
    ).resolves.toBe('billing-vip');
    // Keyboard reorder: the copy moves above the original.
    await copy.getByRole('button', { name: `Move up: ${ruleName} (copy)` }).click();
    await expect(page.locator('article.card h3').first().textContent()).resolves.toContain(
      '(copy)',
    );
    await simulate({ channel: 'webform', category: 'billing', tier: 'premium' });
    const queue = simulation().locator('tr[data-output="queue"]');
    await expect(queue.locator('.value').textContent()).resolves.toBe('billing-desk-2');
    await expect(queue.locator('.rule-ref').textContent()).resolves.toBe(`${ruleName} (copy)`);
    await screenshot(page, '11-reordered');

    // Drag and drop: the original is dragged by its handle back above the copy (both closed,
    // since the library compares the centre of the dragged card with the others).
    const [copyCard, originalCard] = [0, 1].map((i) => page.locator('article.card').nth(i));
    for (const c of [copyCard!, originalCard!])
      await c.getByRole('button', { name: /^Close:/ }).click();
    const handle = originalCard!.locator('.handle');
    const target = copyCard!;
    await page.evaluate('window.scrollTo(0, 0)');
    const from = (await handle.boundingBox())!;
    const to = (await target.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, from.y + 20, { steps: 5 });
    await page.mouse.move(from.x + from.width / 2, to.y + to.height * 0.3, { steps: 15 });
    await page.mouse.move(from.x + from.width / 2 + 4, to.y + to.height * 0.25, { steps: 3 });
    await page.waitForTimeout(300);
    await page.mouse.up();
    await expect
      .poll(() => page.locator('article.card h3').first().textContent())
      .not.toContain('(copy)');
    // The drop is final once the draft itself has the new order (after the drop animation).
    await expect
      .poll(async () => {
        const json = await page.locator('.simulate input[name="ruleSet"]').inputValue();
        return (JSON.parse(json) as { rules: { name: { en: string } }[] }).rules[0]?.name.en;
      })
      .toBe(ruleName);
    await simulate({ channel: 'webform', category: 'billing', tier: 'premium' });
    await expect(
      simulation().locator('tr[data-output="queue"] .value').textContent(),
    ).resolves.toBe('billing-vip');
  });

  it('shows a supervisor the rules read-only, without publish', async () => {
    await page.locator('.topbar form[action="/logout"] button').click();
    await page.waitForURL((url) => url.pathname === '/login');
    await signIn(page, designer.url, 'supervisor', 'relais-supervisor');
    await page.goto(editorUrl());
    await page.locator('article.card').first().waitFor();
    await expect(page.getByRole('button', { name: '+ New rule' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Publish…' }).count()).resolves.toBe(0);
    await expect(page.locator('.alert.warn').textContent()).resolves.toContain('Read only');
    await page
      .locator('article.card')
      .first()
      .getByRole('button', { name: /^Edit:/ })
      .click();
    await expect(
      page.locator('article.card').first().locator('select.fact').first().isDisabled(),
    ).resolves.toBe(true);
    await screenshot(page, '19-supervisor-read-only');
    await page.locator('.topbar form[action="/logout"] button').click();
    await page.waitForURL((url) => url.pathname === '/login');
    await signIn(page, designer.url, 'manager', 'relais-manager');
  });

  it('shows the backtest of the draft with its chart', async () => {
    await page.goto(`${designer.url}/rules/default/backtest`);
    await page.locator('.stats').waitFor();
    await page.locator('canvas').first().waitFor();
    await expect(page.locator('.stats').textContent()).resolves.toContain('Cases replayed');
    await screenshot(page, '12-backtest');
  });

  it('rolls back: new contacts get the previous behaviour, an open case keeps its version', async () => {
    await page.goto(`${designer.url}/rules/default/versions`);
    await page.locator('tr[data-version="2"]').waitFor();
    await screenshot(page, '13-versions');
    await page.locator('tr[data-version="1"]').getByRole('button', { name: 'Roll back…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Comment for the history').fill('VIP desk not staffed yet');
    await screenshot(page, '14-rollback-dialog', false);
    await dialog.getByRole('button', { name: 'Roll back', exact: true }).click();
    await page.getByText('Version 3 published as a rollback.').waitFor();
    await expect(page.locator('tr[data-version="3"]').textContent()).resolves.toContain(
      'rollback to v1',
    );
    await screenshot(page, '15-rolled-back');

    await letPublishSettle();
    const { view } = await postBillingForm(await premiumCustomer());
    expect(view.queue).toBe('billing');
    expect(view.decision?.ruleSetVersion).toBe(3);

    const old = (await (
      await fetch(`${designer.url}/api/cases/${vipCaseId}`, { headers: designer.auth })
    ).json()) as CaseView;
    expect(old.queue).toBe('billing-vip');
    expect(old.decision?.ruleSetVersion).toBe(2);
  });

  it('edits calendars, escalation ladders and message templates on their own pages', async () => {
    await page.goto(`${designer.url}/calendars`);
    await page.getByRole('heading', { name: 'Business-hours calendars' }).waitFor();
    await screenshot(page, '16-calendars');

    await page.goto(`${designer.url}/ladders`);
    await page.getByLabel('Name', { exact: true }).fill('Fast lane');
    await page.getByRole('button', { name: '+ Add level' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Ladder saved.').waitFor();
    await screenshot(page, '17-ladders');

    await page.goto(`${designer.url}/templates`);
    await page.getByLabel('Name', { exact: true }).fill('Billing acknowledgement');
    await expect(page.locator('blockquote').first().textContent()).resolves.toContain(
      'Jean Dupont',
    );
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Template saved.').waitFor();
    await screenshot(page, '18-templates');
  });
});
