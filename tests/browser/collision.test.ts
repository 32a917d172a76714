import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { claimUpdate } from '../../workflows/contracts/case';
import { caseWorkflowId } from '../../workflows/contracts/customer';
import { startDevStack, type DevStack } from '../support/devStack';
import { launchChromium, patience, polling, screenshot, signedInPage } from './support/browser';

/**
 * Two agents on the same case see each other live, and who is typing a reply: the real worker,
 * the built designer, two Chromium contexts on the case's viewers stream.
 */

let browser: Browser;
let stack: DevStack;
let url: string;

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startDevStack({ designer: true });
  url = stack.designer!.url;
  await stack.relais.stores.users.create(
    { _id: 'agent2', name: 'Bruno Lima', role: 'agent', lang: 'fr' },
    'relais-agent2',
  );
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function as(user: 'agent' | 'agent2', lang: 'fr' | 'en', width = 1440): Promise<Page> {
  const page = await signedInPage(browser, url, user, `relais-${user}`, lang);
  await page.setViewportSize({ width, height: 900 });
  onTestFinished(() => page.context().close());
  return page;
}

/** A chat from a customer nobody else uses, once its case has its agent task. */
async function newCase(): Promise<string> {
  const tag = randomUUID().slice(0, 8);
  const res = await fetch(`${url}/api/inbound/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...stack.designer!.auth },
    body: JSON.stringify({
      messageId: randomUUID(),
      lang: 'fr',
      customer: { email: `collision-${tag}@exemple.fr`, name: 'Chloé Martin' },
      subject: `Colis jamais arrivé ${tag}`,
      text: "Bonjour, mon colis n'est jamais arrivé.",
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

async function claimAs(agentId: string, caseId: string): Promise<void> {
  await stack.client.workflow
    .getHandle(caseWorkflowId(caseId))
    .executeUpdate(claimUpdate, { args: [{ agentId }] });
}

async function openCase(page: Page, caseId: string): Promise<void> {
  await page.goto(`${url}/cases/${caseId}`, patience);
  await page.locator('form[data-action]').first().waitFor(patience);
}

const viewers = (page: Page) => page.getByTestId('case-viewers');
const viewersText = async (page: Page) =>
  (await viewers(page).count()) === 0
    ? ''
    : ((await viewers(page).textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('collision on a case', () => {
  it('shows each agent the other viewing the case, then typing, then gone', async () => {
    const caseId = await newCase();
    // Bruno holds the case, so that his reply box is open to him.
    await claimAs('agent2', caseId);
    const ana = await as('agent', 'en');
    const bruno = await as('agent2', 'fr');
    await openCase(ana, caseId);
    await openCase(bruno, caseId);

    await expect.poll(() => viewersText(ana), polling).toContain('Bruno Lima is viewing');
    await expect.poll(() => viewersText(bruno), polling).toContain('Ana Costa consulte le dossier');
    // Nobody is shown to themselves, nor by id.
    expect(await viewersText(ana)).not.toContain('Ana Costa');
    expect(await viewersText(ana)).not.toContain('agent2');

    const reply = bruno.locator('form[data-action="reply"] textarea, [data-testid="reply-text"]');
    await reply.first().pressSequentially('Bonjour Chloé, je regarde', { delay: 20 });
    await expect.poll(() => viewersText(ana), polling).toContain('Bruno Lima is typing…');
    await screenshot(ana, 'collision-typing-1440');

    // The typing mark fades once the keys stop; the viewer stays.
    await expect.poll(() => viewersText(ana), polling).toBe('Bruno Lima is viewing');

    await bruno.context().close();
    await expect.poll(() => viewers(ana).count(), polling).toBe(0);
  });

  it('fits a phone screen, in French', async () => {
    const caseId = await newCase();
    await claimAs('agent2', caseId);
    const ana = await as('agent', 'fr', 390);
    const bruno = await as('agent2', 'en', 390);
    await openCase(ana, caseId);
    await openCase(bruno, caseId);
    await expect.poll(() => viewersText(ana), polling).toContain('Bruno Lima consulte le dossier');
    await bruno
      .locator('form[data-action="reply"] textarea, [data-testid="reply-text"]')
      .first()
      .pressSequentially('Hello', { delay: 20 });
    await expect.poll(() => viewersText(ana), polling).toContain('Bruno Lima écrit une réponse…');
    const box = await viewers(ana).boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await screenshot(ana, 'collision-typing-390');
  });
});
