import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { caseStateQuery, claimUpdate, resolveUpdate } from '../../workflows/contracts/case';
import { caseWorkflowId } from '../../workflows/contracts/customer';
import { startDevStack, type DevStack } from '../support/devStack';
import {
  launchChromium,
  newContext,
  patience,
  polling,
  screenshot,
  signedInPage,
} from './support/browser';
import {
  demoHostPage,
  startVisitorChat,
  visitorWords,
  visitorCookie,
  type VisitorLang,
} from './support/chatVisitor';

/**
 * The chat widget as a customer's site embeds it: the demo host page loads /widget.js, the
 * visitor chats, an agent answers from the case page, and the visitor sees it live. Each test
 * has its own visitor (own browser context, own email) and case.
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

const words = {
  fr: { ...visitorWords.fr, waiting: 'Un conseiller va vous rejoindre.' },
  en: { ...visitorWords.en, waiting: 'An agent will join you shortly.' },
} as const;

const hostPage = (lang: VisitorLang, width: number) => demoHostPage(browser, url, lang, width);

describe('chat widget', () => {
  it('carries a visitor message to the agent, and the reply back live; a reload keeps it all', async () => {
    const page = await hostPage('fr', 1440);
    const first = `Où en est ma commande ${randomUUID().slice(0, 6)} ?`;
    const { caseId } = await startVisitorChat(page, 'fr', first, { shot: 'chat-widget-fr-1440' });
    // Before an agent joins: the waiting words and the promise.
    await page.getByTestId('chat-waiting').getByText(words.fr.waiting).waitFor(patience);
    await expect
      .poll(async () => (await page.getByTestId('chat-waiting').innerText()).length, polling)
      .toBeGreaterThan(words.fr.waiting.length + 5);
    await screenshot(page, 'chat-widget-fr-1440-waiting', false);

    const agent = await signedInPage(browser, url, 'agent', 'relais-agent');
    onTestFinished(() => agent.context().close());
    await agent.goto(`${url}/cases/${caseId}`, patience);
    await agent.getByText(first).first().waitFor(patience);
    const claim = agent.locator('form[data-action="claim"] button').last();
    if (await claim.isVisible()) {
      await claim.click();
      await agent.locator('[data-testid="action-done"][data-action="claim"]').waitFor(patience);
    }
    const reply = `Bonjour Claire, votre commande part demain ${randomUUID().slice(0, 6)}.`;
    const form = agent.locator('form[data-action="reply"]').first();
    await form.locator('[name="text"]').fill(reply);
    await form.locator('[name="channel"]').selectOption('chat');
    await form.locator('button').last().click();

    // Live: no reload on the visitor's side.
    await page.getByRole('log').getByText(reply).waitFor(patience);
    await screenshot(page, 'chat-widget-fr-1440-replied', false);

    await page.reload(patience);
    const log = page.getByRole('log');
    await log.getByText(first).waitFor(patience);
    await log.getByText(reply).waitFor(patience);
  });

  it('gives a tampered visitor cookie nothing', async () => {
    const page = await hostPage('fr', 1440);
    const { caseId } = await startVisitorChat(page, 'fr', 'Ma facture est fausse.');
    const context = page.context();
    const cookie = (await context.cookies()).find((c) => c.name === visitorCookie)!;
    const [payload, sig] = cookie.value.split('.') as [string, string];
    const visitor = JSON.parse(Buffer.from(payload, 'base64url').toString()) as object;
    const forged = Buffer.from(
      JSON.stringify({ ...visitor, caseId: `${caseId}-other`, name: 'Mallory' }),
    ).toString('base64url');
    await context.addCookies([{ ...cookie, value: `${forged}.${sig}` }]);

    const api = context.request;
    const conversation = await api.get(`${url}/api/chat/conversation`);
    expect(await conversation.json()).toMatchObject({ started: false });
    expect((await api.get(`${url}/api/chat/stream`)).status()).toBe(401);
    const sent = await api.post(`${url}/api/chat/messages`, {
      data: { messageId: randomUUID(), text: 'Forged' },
    });
    expect(sent.status()).toBe(401);
    // The widget starts over with the pre-chat form.
    await page.reload(patience);
    await page.getByRole('button', { name: words.fr.launcher }).click(patience);
    await page.getByLabel(words.fr.name).waitFor(patience);
  });

  it('speaks English on an English page at 390 px, refuses a too long message, and stays small', async () => {
    const page = await hostPage('en', 390);
    await startVisitorChat(page, 'en', 'Where is my parcel?', { shot: 'chat-widget-en-390' });
    await page.getByTestId('chat-waiting').getByText(words.en.waiting).waitFor(patience);
    await screenshot(page, 'chat-widget-en-390-waiting', false);
    const tooLong = await page.context().request.post(`${url}/api/chat/messages`, {
      data: { messageId: randomUUID(), text: 'x'.repeat(2001) },
    });
    expect(tooLong.status()).toBe(400);

    const script = await fetch(`${url}/widget.js`);
    expect(script.status).toBe(200);
    const gzipped = gzipSync(Buffer.from(await script.arrayBuffer())).length;
    console.log(`[chat] widget.js is ${(gzipped / 1024).toFixed(1)} KB gzipped`);
    expect(gzipped).toBeLessThan(60 * 1024);
  });

  it('asks the CSAT question at the end, and the click lands on the case', async () => {
    const page = await hostPage('fr', 1440);
    // "Other question" meets the default rule set's last rule, which asks a CSAT survey.
    const { caseId } = await startVisitorChat(page, 'fr', 'Une question sur vos horaires.', {
      category: 'autre',
    });
    const handle = stack.client.workflow.getHandle(caseWorkflowId(caseId));
    await expect
      .poll(async () => (await stack.relais.stores.tasks.get(caseId))?.status, polling)
      .toBe('queued');
    await handle.executeUpdate(claimUpdate, { args: [{ agentId: 'agent' }] });
    await handle.executeUpdate(resolveUpdate, { args: [{ agentId: 'agent', reason: 'fixed' }] });
    const survey = page.getByTestId('chat-survey');
    await survey.getByRole('button', { name: '4 sur 5' }).click(patience);
    await survey.getByText('Merci pour votre note : 4 sur 5.').waitFor(patience);
    await screenshot(page, 'chat-widget-fr-1440-survey', false);
    await expect
      .poll(async () => (await handle.query(caseStateQuery)).survey?.score, polling)
      .toBe(4);
  });

  it('throttles a visitor past 20 messages a minute, with nothing written', async () => {
    const context = await newContext(browser);
    onTestFinished(() => context.close());
    const api = context.request;
    const started = await api.post(`${url}/api/chat/start`, {
      data: {
        name: 'Hugo Petit',
        email: `chat-${randomUUID().slice(0, 8)}@exemple.fr`,
        lang: 'fr',
      },
    });
    expect(started.status()).toBe(201);
    const send = (text: string) =>
      api.post(`${url}/api/chat/messages`, { data: { messageId: randomUUID(), text } });
    for (let i = 1; i <= 20; i += 1) expect((await send(`Message ${i}`)).status()).toBe(202);
    const refused = await send('One too many');
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
  });

  it('shows the French page at 390 px and the English one at 1440 px', async () => {
    const fr = await hostPage('fr', 390);
    await startVisitorChat(fr, 'fr', 'Bonjour, une question.', { shot: 'chat-widget-fr-390' });
    await screenshot(fr, 'chat-widget-fr-390-waiting', false);
    const en = await hostPage('en', 1440);
    await startVisitorChat(en, 'en', 'Hello, a question.', { shot: 'chat-widget-en-1440' });
    await screenshot(en, 'chat-widget-en-1440-waiting', false);
  });
});
