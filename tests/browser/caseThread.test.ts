import { randomInt, randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startDevStack, type DevStack } from '../support/devStack';
import {
  launchChromium,
  patience,
  polling,
  screenshot,
  signedInPage,
  useLanguage,
} from './support/browser';
import { switchToNote } from './support/caseComposer';

/**
 * The case page as one conversation: the customer's email and SMS, the reply, the note and the
 * folded system events in one thread, with the reply box under it.
 */

let browser: Browser;
let stack: DevStack;
let url: string;
let token: string;

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startDevStack({ designer: true });
  url = stack.designer!.url;
  ({ token } = await stack.relais.stores.apiTokens.create({
    name: 'case thread test',
    scopes: ['inbound:write'],
    createdBy: 'manager',
  }));
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function inbound(channel: string, body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${url}/api/inbound/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ messageId: randomUUID(), ...body }),
  });
  const text = await res.text();
  expect(res.status, text).toBe(202);
  return (JSON.parse(text) as { caseId: string }).caseId;
}

/** An email, then an SMS follow-up with a very long unbroken word, threaded into one case. */
async function emailThenSms(): Promise<string> {
  const tag = randomUUID().slice(0, 8);
  const phone = `+336${randomInt(10_000_000, 100_000_000)}`;
  const caseId = await inbound('email', {
    customer: { email: `thread-${tag}@exemple.fr`, phone, name: 'Chloé Martin' },
    subject: `Colis jamais arrivé ${tag}`,
    text: "Bonjour, mon colis n'est jamais arrivé.",
  });
  await expect
    .poll(async () => (await stack.relais.stores.tasks.get(caseId))?.queue, polling)
    .toBeTruthy();
  const threaded = await inbound('sms', {
    customer: { phone, name: 'Chloé Martin' },
    text: `Toujours rien. Suivi : https://suivi.exemple.fr/${'colis'.repeat(40)}`,
  });
  expect(threaded).toBe(caseId);
  await expect
    .poll(
      async () =>
        (await stack.relais.stores.timeline.forCase(caseId)).some(
          (e) => e.type === 'channel-switch',
        ),
      polling,
    )
    .toBe(true);
  return caseId;
}

/** Submits a form of the page and waits for the banner that says it was done. */
async function act(page: Page, action: string, fill: Record<string, string> = {}) {
  const form = page.locator(`form[data-action="${action}"]`);
  for (const [name, value] of Object.entries(fill)) {
    const input = form.locator(`[name="${name}"]`);
    if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption(value);
    else await input.fill(value);
  }
  await form.locator('button').last().click(patience);
  await page.locator(`[data-testid="action-done"][data-action="${action}"]`).waitFor(patience);
}

const thread = (page: Page) => page.locator('[data-testid="thread"] > li');

/** No horizontal scroll: long words wrap. */
const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

describe('the case thread', () => {
  it('threads email, SMS, reply and note, folds system events, and asks to claim before replying', async () => {
    const caseId = await emailThenSms();
    const page = await signedInPage(browser, url, 'agent', 'relais-agent', 'en');
    onTestFinished(() => page.context().close());
    await page.goto(`${url}/cases/${caseId}`, patience);

    // Not claimed yet: the reply box says so before anything is typed.
    const reply = page.locator('form[data-action="reply"]');
    await expect(
      reply.locator('[data-testid="blocked-reason"]').textContent(patience),
    ).resolves.toBe('Claim the case before you reply: it is not yours yet.');
    await expect(page.locator('[data-testid="reply-text"]').isDisabled()).resolves.toBe(true);
    await expect(reply.locator('button').last().isDisabled()).resolves.toBe(true);
    await screenshot(page, 'case-thread-claim-first');

    await act(page, 'claim');
    await expect
      .poll(() => page.locator('[data-testid="reply-text"]').isEnabled(), polling)
      .toBe(true);
    await page
      .locator('[data-testid="reply-text"]')
      .fill('Bonjour Chloé, nous relançons le transporteur.');
    await reply.locator('select[name="channel"]').selectOption('sms');
    await reply.locator('button').last().click(patience);
    await page.locator('[data-testid="action-done"][data-action="reply"]').waitFor(patience);
    const sent = page.locator('[data-testid="thread"] li[data-type="sent"][data-channel="sms"]');
    await expect(sent.textContent(patience)).resolves.toContain('Ana Costa');

    await switchToNote(page);
    await act(page, 'note', { text: 'Transporteur relancé par téléphone.' });
    const note = page.locator('[data-testid="thread"] li[data-type="note"]');
    await expect(note.textContent(patience)).resolves.toContain('Internal note');

    // One chronological thread: email, the switch to SMS, the SMS, then the reply and the note.
    await expect
      .poll(async () => {
        const items = await thread(page).evaluateAll((lis) =>
          lis.map((li) => {
            const el = li as unknown as { dataset: Record<string, string | undefined> };
            return el.dataset.type === 'customer' || el.dataset.type === 'sent'
              ? `${el.dataset.type}:${el.dataset.channel}`
              : (el.dataset.type ?? el.dataset.testid ?? '');
          }),
        );
        return items.filter((i) => i !== 'system-events' && i !== 'sent:email');
      }, polling)
      .toEqual(['customer:email', 'channel-switch', 'customer:sms', 'sent:sms', 'note']);
    await expect(page.locator('[data-testid="channel-switch"]').textContent()).resolves.toContain(
      'The customer switched from Email to SMS',
    );

    // System events are one folded line; a click shows them.
    const decided = page.locator('[data-testid="system-events"] li[data-type="decided"]');
    const events = page.locator('[data-testid="system-events"]', {
      has: page.locator('li[data-type="decided"]'),
    });
    await expect(decided.isVisible()).resolves.toBe(false);
    await events.locator('summary').click(patience);
    await decided.waitFor(patience);

    await screenshot(page, 'case-thread-en-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => pageWidth(page), polling).toBeLessThanOrEqual(390);
    await screenshot(page, 'case-thread-en-390');

    await useLanguage(page, 'fr');
    await expect(note.textContent()).resolves.toContain('Note interne');
    await expect(page.locator('[data-testid="channel-switch"]').textContent()).resolves.toContain(
      'Le client est passé de',
    );
    await expect.poll(() => pageWidth(page), polling).toBeLessThanOrEqual(390);
    await screenshot(page, 'case-thread-fr-390');
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'case-thread-fr-1440');
  });

  it('shows another agent the holder, and keeps the note side of the box for them', async () => {
    const caseId = await emailThenSms();
    const ana = await signedInPage(browser, url, 'agent', 'relais-agent', 'fr');
    onTestFinished(() => ana.context().close());
    await ana.goto(`${url}/cases/${caseId}`, patience);
    await act(ana, 'claim');

    const supervisor = await signedInPage(browser, url, 'supervisor', 'relais-supervisor', 'fr');
    onTestFinished(() => supervisor.context().close());
    await supervisor.goto(`${url}/cases/${caseId}`, patience);
    await expect(
      supervisor
        .locator('form[data-action="reply"] [data-testid="blocked-reason"]')
        .textContent(patience),
    ).resolves.toBe('Impossible de répondre : Ana Costa traite ce dossier.');
    await expect(supervisor.locator('form[data-action="claim"]').count()).resolves.toBe(0);
    await switchToNote(supervisor);
    await act(supervisor, 'note', { text: 'Client VIP : rappeler avant midi.' });
    await supervisor.locator('[data-testid="thread"] li[data-type="note"]').waitFor(patience);
    await screenshot(supervisor, 'case-thread-held-fr');
  });
});
