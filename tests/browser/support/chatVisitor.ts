import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, onTestFinished } from 'vitest';
import { newContext, patience, polling, screenshot } from './browser';

/** The widget's words a visitor acts on, as the widget shows them. */
export const visitorWords = {
  fr: {
    launcher: 'Discuter avec nous',
    name: 'Votre nom',
    email: 'Votre e-mail',
    category: /Votre demande concerne/,
    start: 'Commencer la discussion',
    message: 'Votre message',
    send: 'Envoyer',
  },
  en: {
    launcher: 'Chat with us',
    name: 'Your name',
    email: 'Your email',
    category: /Your request is about/,
    start: 'Start the chat',
    message: 'Your message',
    send: 'Send',
  },
} as const;
export type VisitorLang = keyof typeof visitorWords;

export const visitorCookie = 'relais_chat';

/** The demo host page in a context of its own (closed with the test), at the given width. */
export async function demoHostPage(
  browser: Browser,
  url: string,
  lang: VisitorLang,
  width: number,
): Promise<Page> {
  const context = await newContext(browser);
  onTestFinished(() => context.close());
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 860 });
  await page.goto(`${url}/demo/chat${lang === 'en' ? '?lang=en' : ''}`, patience);
  return page;
}

/** The visitor's case, from their signed cookie's payload, once the first message set it. */
export async function visitorCase(context: BrowserContext): Promise<string> {
  let caseId: string | null = null;
  await expect
    .poll(async () => {
      const cookie = (await context.cookies()).find((c) => c.name === visitorCookie);
      const payload = cookie?.value.split('.')[0];
      caseId = payload
        ? (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { caseId: string | null })
            .caseId
        : null;
      return caseId;
    }, polling)
    .toBeTruthy();
  return caseId!;
}

/**
 * Opens the widget, fills the pre-chat form as Claire Martin with an email of her own, and
 * sends `first`; `shot` names a screenshot of the filled form.
 */
export async function startVisitorChat(
  page: Page,
  lang: VisitorLang,
  first: string,
  opts: { shot?: string; category?: string } = {},
): Promise<{ email: string; caseId: string }> {
  const t = visitorWords[lang];
  const email = `chat-${randomUUID().slice(0, 8)}@exemple.fr`;
  await page.getByRole('button', { name: t.launcher }).click(patience);
  if (opts.category) await page.getByLabel(t.category).selectOption(opts.category, patience);
  await page.getByLabel(t.name).fill('Claire Martin');
  await page.getByLabel(t.email).fill(email);
  if (opts.shot) await screenshot(page, `${opts.shot}-prechat`, false);
  await page.getByRole('button', { name: t.start }).click();
  await page.getByLabel(t.message).fill(first);
  await page.getByRole('button', { name: t.send, exact: true }).click();
  await page.getByRole('log').getByText(first).waitFor(patience);
  return { email, caseId: await visitorCase(page.context()) };
}
