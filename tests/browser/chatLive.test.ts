import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startDevStack, type DevStack } from '../support/devStack';
import { launchChromium, patience, polling, screenshot, signedInPage } from './support/browser';
import { demoHostPage, startVisitorChat, visitorWords } from './support/chatVisitor';

/**
 * The chat while it runs and once the visitor goes: typing seen both ways, the transcript by
 * email, and a closed tab abandoning a case nobody answered. A visitor (the demo host page in
 * its own context) and an agent (signed in, on the case page) in two browser contexts; each test
 * has its own visitor and case. The designer counts a visitor gone after 6 s, not 2 min.
 */
const abandonSeconds = 6;
let browser: Browser;
let stack: DevStack;
let url: string;

beforeAll(async () => {
  [browser, stack] = await Promise.all([
    launchChromium(),
    startDevStack({
      designer: true,
      designerEnv: { RELAIS_CHAT_ABANDON_SECONDS: String(abandonSeconds) },
    }),
  ]);
  url = stack.designer!.url;
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const words = {
  fr: {
    ...visitorWords.fr,
    agentTyping: 'Ana écrit…',
    customerTyping: 'Le client écrit…',
    transcript: 'Recevoir cette discussion par e-mail',
    transcriptSent: 'La discussion part vers votre adresse e-mail.',
    transcriptLimit: 'Vous avez déjà demandé plusieurs copies : réessayez plus tard.',
    left: 'Le client est parti',
  },
  en: {
    ...visitorWords.en,
    agentTyping: 'Ana is typing…',
    customerTyping: 'The customer is typing…',
    transcript: 'Email me this chat',
    transcriptSent: 'The conversation is on its way to your email.',
    transcriptLimit: 'You have asked for several copies already: try again later.',
    left: 'Customer left',
  },
} as const;
type Lang = keyof typeof words;

interface Visitor {
  page: Page;
  email: string;
  caseId: string;
}

/** A visitor on the demo host page who has started a chat with `first`, and their case. */
async function visitorChatting(lang: Lang, width: number, first: string): Promise<Visitor> {
  const page = await demoHostPage(browser, url, lang, width);
  return { page, ...(await startVisitorChat(page, lang, first)) };
}

/** Ana (`agent`) on the visitor's case page, in `lang`. */
async function agentOnCase(lang: Lang, caseId: string, first: string): Promise<Page> {
  const agent = await signedInPage(browser, url, 'agent', 'relais-agent', lang);
  onTestFinished(() => agent.context().close());
  await agent.goto(`${url}/cases/${caseId}`, patience);
  await agent.getByText(first).first().waitFor(patience);
  return agent;
}

const replyForm = (agent: Page) => agent.locator('form[data-action="reply"]').first();

/** Ana takes the case if it is still on offer: her reply box opens then. */
async function claim(agent: Page) {
  const button = agent.locator('form[data-action="claim"] button').last();
  if (await button.isVisible()) {
    await button.click();
    await agent.locator('[data-testid="action-done"][data-action="claim"]').waitFor(patience);
  }
}

/** Ana replies on the chat. */
async function replyOnChat(agent: Page, text: string) {
  const form = replyForm(agent);
  await form.locator('[name="text"]').fill(text);
  await form.locator('[name="channel"]').selectOption('chat');
  await form.locator('button').last().click();
}

/** Ana keeps typing in her reply box until the widget says so: a mark lasts 6 s only. */
async function agentTypesUntilSeen(agent: Page, visitor: Page, lang: Lang) {
  const box = replyForm(agent).locator('[name="text"]');
  const typing = visitor.getByTestId('chat-agent-typing');
  await expect
    .poll(async () => {
      await box.press('a');
      return typing.innerText();
    }, polling)
    .toContain(words[lang].agentTyping);
}

describe('chat during and after', () => {
  it.each([
    ['fr', 1440, 390],
    ['en', 390, 1440],
  ] as const)(
    'shows typing both ways in %s, gone once the message is sent',
    async (lang, width, otherWidth) => {
      const t = words[lang];
      const first = `Ma commande ${randomUUID().slice(0, 6)} n'est pas arrivée.`;
      const visitor = await visitorChatting(lang, width, first);
      const agent = await agentOnCase(lang, visitor.caseId, first);
      await claim(agent);

      // The agent typing: the visitor sees her first name, at both widths.
      await agentTypesUntilSeen(agent, visitor.page, lang);
      await screenshot(visitor.page, `chat-live-${lang}-${width}-agent-typing`, false);
      await visitor.page.setViewportSize({ width: otherWidth, height: 860 });
      await agentTypesUntilSeen(agent, visitor.page, lang);
      await screenshot(visitor.page, `chat-live-${lang}-${otherWidth}-agent-typing`, false);
      await visitor.page.setViewportSize({ width, height: 860 });

      // Her reply lands, and the indicator goes with it.
      const reply = `Elle part demain ${randomUUID().slice(0, 6)}.`;
      await replyOnChat(agent, reply);
      await visitor.page.getByRole('log').getByText(reply).waitFor(patience);
      await expect
        .poll(() => visitor.page.getByTestId('chat-agent-typing').innerText(), polling)
        .toBe('');

      // The visitor typing: the case page says so, until the message arrives.
      const box = visitor.page.getByLabel(t.message);
      const customerTyping = agent.getByTestId('customer-typing');
      await expect
        .poll(async () => {
          await box.press('b');
          return customerTyping.isVisible();
        }, polling)
        .toBe(true);
      expect(await customerTyping.innerText()).toBe(t.customerTyping);
      await screenshot(agent, `chat-live-${lang}-case-customer-typing`);
      const next = `Merci ${randomUUID().slice(0, 6)}`;
      await box.fill(next);
      await visitor.page.getByRole('button', { name: t.send, exact: true }).click();
      await agent.getByText(next).first().waitFor(patience);
      await expect.poll(() => customerTyping.isVisible(), polling).toBe(false);
    },
  );

  it('emails the transcript on request, once per request, and limits the requests', async () => {
    const t = words.fr;
    const first = `Bonjour, une question ${randomUUID().slice(0, 6)}.`;
    const visitor = await visitorChatting('fr', 1440, first);
    const agent = await agentOnCase('fr', visitor.caseId, first);
    await claim(agent);
    const reply = `Voici la réponse ${randomUUID().slice(0, 6)}.`;
    await replyOnChat(agent, reply);
    const log = visitor.page.getByRole('log');
    await log.getByText(reply).waitFor(patience);

    await visitor.page.getByRole('button', { name: t.transcript }).click();
    await visitor.page.getByText(t.transcriptSent).waitFor(patience);
    await screenshot(visitor.page, 'chat-live-fr-1440-transcript', false);
    const transcripts = async () =>
      (await stack.relais.stores.outbox.forCase(visitor.caseId)).filter(
        (m) => m.kind === 'transcript',
      );
    await expect.poll(async () => (await transcripts())[0]?.status, polling).toBe('sent');
    const [sent] = await transcripts();
    expect(sent).toMatchObject({ channel: 'email', to: visitor.email, lang: 'fr' });
    expect(sent!.text).toContain(`Vous :\n${first}`);
    expect(sent!.text).toContain(`Support :\n${reply}`);
    // The widget does not take the transcript for a line of the conversation.
    const api = visitor.page.context().request;
    const conversation = (await (await api.get(`${url}/api/chat/conversation`)).json()) as {
      view: { lines: { text: string }[] };
    };
    const texts = conversation.view.lines.map((l) => l.text);
    expect(texts).toContain(reply);
    expect(texts.filter((text) => text.includes('Voici votre discussion'))).toEqual([]);

    // The same request twice is one email; past three requests an hour, a worded refusal.
    const requestId = randomUUID();
    for (let i = 0; i < 2; i += 1)
      expect((await api.post(`${url}/api/chat/transcript`, { data: { requestId } })).status()).toBe(
        202,
      );
    await expect.poll(async () => (await transcripts()).length, polling).toBe(2);
    await visitor.page.getByRole('button', { name: t.transcript }).click();
    await visitor.page.getByText(t.transcriptLimit).waitFor(patience);
    expect((await transcripts()).length).toBe(2);
  });

  it('abandons the case when the visitor closes the tab before anyone answered', async () => {
    const first = `Vous êtes là ? ${randomUUID().slice(0, 6)}`;
    const visitor = await visitorChatting('fr', 390, first);
    // The visitor's open stream marks them present while they wait.
    await expect
      .poll(
        async () =>
          (await stack.relais.stores.chatPresence.col.findOne({ _id: visitor.caseId }))?._id,
        polling,
      )
      .toBe(visitor.caseId);
    await visitor.page.context().close();

    await expect
      .poll(
        async () => (await stack.relais.stores.timeline.forCase(visitor.caseId)).map((e) => e.type),
        polling,
      )
      .toContain('abandoned');
    const agent = await agentOnCase('fr', visitor.caseId, first);
    await agent.getByText(words.fr.left).first().waitFor(patience);
    await screenshot(agent, 'chat-live-fr-case-abandoned', false);
  });
});
