import { randomInt, randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { caseRef } from '../../workflows/lib/promiseWords';
import { startDevStack, type DevStack } from '../support/devStack';
import { launchChromium, patience, polling, screenshot, signedInPage } from './support/browser';
import { typeUntilPicker } from './support/caseComposer';

/**
 * Canned replies as a manager writes them and an agent uses them: typing `/` in the reply,
 * picking one, editing, sending. Each test makes its own macro, customer and case.
 */

let browser: Browser;
let stack: DevStack;
let url: string;
let token: string;

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startDevStack({ designer: true })]);
  url = stack.designer!.url;
  ({ token } = await stack.relais.stores.apiTokens.create({
    name: 'macros test',
    scopes: ['inbound:write'],
    createdBy: 'manager',
  }));
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function pageAs(who: 'manager' | 'agent', lang: 'fr' | 'en', width = 1440): Promise<Page> {
  const page = await signedInPage(browser, url, who, `relais-${who}`, lang);
  onTestFinished(() => page.context().close());
  await page.setViewportSize({ width, height: 900 });
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

/** Opens a page once hydrated: a click before hydration would post without enhance. */
const open = (page: Page, path: string) =>
  page.goto(`${url}${path}`, { ...patience, waitUntil: 'networkidle' });

/** A new customer's email, once its case has its agent task. */
async function openCase(name: string): Promise<string> {
  const tag = randomUUID().slice(0, 8);
  const res = await fetch(`${url}/api/inbound/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      messageId: randomUUID(),
      customer: {
        email: `macro-${tag}@exemple.fr`,
        phone: `+336${randomInt(10_000_000, 100_000_000)}`,
        name,
      },
      subject: `Colis en retard ${tag}`,
      text: "Bonjour, mon colis n'est toujours pas arrivé.",
    }),
  });
  const body = await res.text();
  expect(res.status, body).toBe(202);
  const { caseId } = JSON.parse(body) as { caseId: string };
  await expect
    .poll(async () => (await stack.relais.stores.tasks.get(caseId))?.queue, polling)
    .toBeTruthy();
  return caseId;
}

/** Fills the macro form and saves; returns the page's answer. */
async function saveMacro(page: Page, name: string, body: string) {
  const form = page.locator('[data-testid="macro-form"]');
  await form.locator('input[name="name"]').fill(name);
  await form.locator('textarea[name="body"]').fill(body);
  await form.locator('button.primary').click();
  const answer = page.locator('.alert');
  await answer.first().waitFor(patience);
  return answer.first();
}

describe('canned replies', () => {
  it('refuses an unknown placeholder in a macro and in a message template', async () => {
    const page = await pageAs('manager', 'fr');
    await open(page, '/macros?id=__new');
    const refused = await saveMacro(page, `Typo ${randomUUID().slice(0, 6)}`, 'Bonjour {nom}');
    await expect(refused.getAttribute('data-testid')).resolves.toBe('unknown-placeholders');
    await expect(refused.textContent()).resolves.toContain('Variable inconnue {nom}');

    await open(page, '/templates?id=__new');
    const template = page.locator('form[action="?/save"]');
    await template
      .locator('input:not([type="hidden"])')
      .first()
      .fill(`Accusé ${randomUUID().slice(0, 6)}`);
    await template.locator('textarea').first().fill('Bonjour {unknownVar}, réf. {ref}');
    await template.locator('button.primary').click();
    const alert = page.locator('[data-testid="unknown-placeholders"]');
    await expect(alert.textContent(patience)).resolves.toContain('{unknownVar}');
  });

  it('lets a manager write a macro that an agent inserts with / and sends, filled', async () => {
    const name = `Retard ${randomUUID().slice(0, 6)}`;
    const manager = await pageAs('manager', 'en');
    await open(manager, '/macros?id=__new');
    const form = manager.locator('[data-testid="macro-form"]');
    await form.locator('select[name="lang"]').selectOption('fr');
    await form.locator('select[name="transferTo"]').selectOption('sales');
    await form.locator('input[name="askCustomer"]').check();
    await form.locator('input[name="tag"]').fill('Adresse');
    const saved = await saveMacro(
      manager,
      name,
      'Bonjour {name}, votre dossier {ref} est suivi ; réponse sous {promise}. Pouvez-vous confirmer votre adresse ? {agent}',
    );
    await expect(saved.textContent()).resolves.toContain(name);
    await manager.locator(`a[data-macro="${name}"]`).waitFor(patience);
    await screenshot(manager, 'macros-1440');
    await manager.setViewportSize({ width: 390, height: 844 });
    await screenshot(manager, 'macros-390');

    const caseId = await openCase('Chloé Martin');
    const agent = await pageAs('agent', 'fr');
    await open(agent, `/cases/${caseId}`);
    await agent.locator('form[data-action="claim"] button').last().click();
    const text = agent.locator('[data-testid="reply-text"]');
    await text.waitFor(patience);
    await typeUntilPicker(agent, 'Merci. ');
    const search = agent.locator('.macro-picker input[type="search"]');
    await agent.setViewportSize({ width: 390, height: 844 });
    await agent.locator('.macro-picker [role="option"]').first().waitFor(patience);
    await search.scrollIntoViewIfNeeded();
    await screenshot(agent, 'macro-picker-390', false);
    await agent.setViewportSize({ width: 1440, height: 900 });
    await search.pressSequentially(name.split(' ')[1]!);
    await agent.locator(`.macro-picker [role="option"][data-macro="${name}"]`).waitFor(patience);
    await screenshot(agent, 'macro-picker-1440', false);
    await search.press('Enter');

    const ref = caseRef(caseId);
    await expect.poll(() => text.inputValue(), polling).toContain(`dossier ${ref}`);
    expect(await text.inputValue()).toMatch(/^Merci\. Bonjour Chloé Martin, votre dossier/);
    expect(await agent.locator('input[name="awaitCustomer"]').isChecked()).toBe(true);
    // What the macro does once sent, beside its text: its tag, then its transfer.
    await expect(
      agent.locator('[data-testid="macro-actions"]').textContent(patience),
    ).resolves.toMatch(/^étiquette « adresse » · puis transfère à /);
    // The agent edits the text before sending.
    await text.press('End');
    await text.pressSequentially(' Bien à vous.');
    await agent.locator('form[data-action="reply"] button').last().click();

    await expect
      .poll(async () => {
        const sent = await stack.relais.stores.outbox.forCase(caseId);
        return sent.find((m) => m.kind === 'reply')?.text ?? null;
      }, polling)
      .toMatch(
        new RegExp(
          `Bonjour Chloé Martin, votre dossier ${ref} est suivi ; réponse sous .+\\. Pouvez-vous confirmer votre adresse \\? Ana .* Bien à vous\\.$`,
        ),
      );
    await expect
      .poll(async () => (await stack.relais.stores.tasks.get(caseId))?.queue, polling)
      .toBe('sales');

    // The macro tagged the case; an agent adds another tag from the case header.
    const tags = agent.locator('[data-testid="case-tag"]');
    await expect.poll(() => tags.allTextContents(), polling).toEqual(['adresse']);
    const add = agent.locator('[data-testid="case-tags"] input[name="add"]');
    await add.fill('Urgent');
    await add.press('Enter');
    await expect.poll(() => tags.allTextContents(), polling).toEqual(['adresse', 'urgent']);
    await agent.setViewportSize({ width: 390, height: 844 });
    await screenshot(agent, 'case-tags-390', false);
    await agent.setViewportSize({ width: 1440, height: 900 });
    await agent.locator('[data-testid="case-tags"] button[aria-label$="adresse"]').click();
    await expect.poll(() => tags.allTextContents(), polling).toEqual(['urgent']);
    await screenshot(agent, 'case-tags-1440', false);
  });

  it('tags the case with a canned reply that only tags, and says so before it is sent', async () => {
    const name = `Facture ${randomUUID().slice(0, 6)}`;
    const manager = await pageAs('manager', 'en');
    await open(manager, '/macros?id=__new');
    const form = manager.locator('[data-testid="macro-form"]');
    await form.locator('select[name="lang"]').selectOption('fr');
    await form.locator('input[name="tag"]').fill('Facture');
    const saved = await saveMacro(manager, name, 'Bonjour {name}, votre facture est corrigée.');
    await expect(saved.textContent()).resolves.toContain(name);

    const caseId = await openCase('Inès Facture');
    const queue = (await stack.relais.stores.tasks.get(caseId))?.queue;
    const agent = await pageAs('agent', 'fr');
    await open(agent, `/cases/${caseId}`);
    await agent.locator('form[data-action="claim"] button').last().click();
    const text = agent.locator('[data-testid="reply-text"]');
    await text.waitFor(patience);
    await agent.locator('.macro-picker > button').click();
    await agent.locator(`.macro-picker [role="option"][data-macro="${name}"]`).click(patience);
    await expect(
      agent.locator('[data-testid="macro-actions"]').textContent(patience),
    ).resolves.toBe('étiquette « facture »');
    await agent.locator('form[data-action="reply"] button').last().click();

    const tags = agent.locator('[data-testid="case-tag"]');
    await expect.poll(() => tags.allTextContents(), polling).toEqual(['facture']);
    expect((await stack.relais.stores.tasks.get(caseId))?.queue).toBe(queue);
  });
});
