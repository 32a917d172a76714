import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { identityHash } from '../../worker/chat/identityHash';
import { caseStateQuery } from '../../workflows/contracts/case';
import { caseWorkflowId } from '../../workflows/contracts/customer';
import type { ChatSiteDoc } from '../../worker/store/chatSites';
import { caseRef } from '../../workflows/lib/promiseWords';
import { startDevStack, type DevStack } from '../support/devStack';
import {
  launchChromium,
  newContext,
  patience,
  polling,
  screenshot,
  signedInPage,
} from './support/browser';
import { visitorCase } from './support/chatVisitor';

/**
 * Chat sites as another website embeds them: a host page served by the test from its own origin
 * loads /widget.js with its site's id (and, for a signed-in customer, the email and its HMAC),
 * the widget calls Relais across origins. Each test has its own site, visitor and case.
 */
let browser: Browser;
let stack: DevStack;
let url: string;
let host: Server;
let hostOrigin: string;

const manager = { id: 'manager', role: 'manager' as const };

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startDevStack({ designer: true })]);
  url = stack.designer!.url;
  // The customer's website: a page with the widget's tag, on a port (origin) of its own.
  host = createServer((req, res) => {
    const q = new URL(req.url ?? '/', 'http://host').searchParams;
    const attr = (name: string, value: string | null) =>
      value ? ` data-relais-${name}="${value.replace(/"/g, '&quot;')}"` : '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="${q.get('lang') ?? 'fr'}"><head><meta charset="utf-8">` +
        `<title>Shop</title></head><body style="font-family:serif;background:#eef3ea">` +
        `<h1>Shop</h1><p>A customer's website on another origin.</p>` +
        `<script src="${url}/widget.js"${attr('channel', q.get('site'))}` +
        `${attr('user-email', q.get('email'))}${attr('user-hash', q.get('hash'))}></script>` +
        `</body></html>`,
    );
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => host?.close(resolve));
  await browser?.close();
  await stack?.stop();
});

const words = {
  fr: {
    launcher: 'Discuter avec nous',
    name: 'Votre nom',
    email: 'Votre e-mail',
    message: 'Votre message',
    send: 'Envoyer',
    callback: 'Être rappelé',
    phone: 'Votre numéro de téléphone',
    sendMessage: 'Envoyer le message',
    sendCallback: 'Rappelez-moi',
    received: 'Message reçu, référence',
    callbackReceived: 'Demande de rappel reçue, référence',
    unknown: 'Cette discussion n’est pas configurée',
  },
  en: {
    launcher: 'Chat with us',
    name: 'Your name',
    email: 'Your email',
    message: 'Your message',
    send: 'Send',
    callback: 'Request a callback',
    phone: 'Your phone number',
    sendMessage: 'Send the message',
    sendCallback: 'Call me back',
    received: 'Message received, reference',
    callbackReceived: 'Callback request received, reference',
    unknown: 'This chat is not set up',
  },
} as const;

/** A site of its own for the test, allowing the host page's origin. */
async function newSite(settings: Partial<ChatSiteDoc> = {}): Promise<ChatSiteDoc> {
  const site: ChatSiteDoc = {
    _id: `shop-${randomUUID().slice(0, 8)}`,
    labels: { fr: 'Boutique', en: 'Shop' },
    categories: [],
    queueId: 'general',
    offlineOffer: false,
    origins: [hostOrigin],
    ...settings,
  };
  await stack.relais.stores.chatSites.save(site, manager, true);
  return site;
}

/** The host page in a context of its own, at the given width. */
async function hostPage(
  query: Record<string, string>,
  lang: 'fr' | 'en' = 'fr',
  width = 1440,
): Promise<Page> {
  const context = await newContext(browser);
  onTestFinished(() => context.close());
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 860 });
  await page.goto(`${hostOrigin}/?${new URLSearchParams({ ...query, lang })}`, patience);
  return page;
}

/** The open task of the customer with this email or phone, once intake made it. */
async function taskOf(identity: { email?: string; phone?: string }) {
  const { stores } = stack.relais;
  await expect.poll(async () => (await stores.customers.find(identity))?._id, polling).toBeTruthy();
  const customer = (await stores.customers.find(identity))!;
  await expect
    .poll(
      async () =>
        (await stores.tasks.listOpen({ limit: 1000 })).some((t) => t.customerId === customer._id),
      polling,
    )
    .toBe(true);
  return (await stores.tasks.listOpen({ limit: 1000 })).find((t) => t.customerId === customer._id)!;
}

describe('chat sites', () => {
  it('opens the chat as the customer the host site signed, on another origin; a tampered hash gets the form', async () => {
    const site = await newSite();
    const secret = await stack.relais.stores.chatSites.secrets.regenerate(site._id, manager);
    const email = `client-${randomUUID().slice(0, 8)}@exemple.fr`;
    const hash = identityHash(secret, email);

    const page = await hostPage({ site: site._id, email, hash }, 'en', 390);
    await page.getByRole('button', { name: words.en.launcher }).click(patience);
    // No pre-chat form: the compose box straight away.
    await page.getByLabel(words.en.message).waitFor(patience);
    expect(await page.getByLabel(words.en.name).count()).toBe(0);
    await screenshot(page, 'chat-sites-identified-en-390', false);
    const first = `Signed-in question ${randomUUID().slice(0, 6)}`;
    await page.getByLabel(words.en.message).fill(first);
    await page.getByRole('button', { name: words.en.send, exact: true }).click();
    await page.getByRole('log').getByText(first).waitFor(patience);
    const caseId = await visitorCase(page.context());
    const task = await taskOf({ email });
    expect(task.caseId).toBe(caseId);
    expect(task.channel).toBe('chat');
    await screenshot(page, 'chat-sites-identified-en-390-sent', false);

    // One digit changed: the identity is ignored and the visitor is asked who they are.
    const last = hash.at(-1) === '0' ? '1' : '0';
    const tampered = await hostPage({ site: site._id, email, hash: `${hash.slice(0, -1)}${last}` });
    await tampered.getByRole('button', { name: words.fr.launcher }).click(patience);
    await tampered.getByLabel(words.fr.name).waitFor(patience);
    expect(await tampered.getByLabel(words.fr.email).inputValue()).toBe('');
    const cookies = await tampered.context().cookies();
    expect(cookies.some((c) => c.name === 'relais_chat')).toBe(false);
  });

  it('answers the chat API with CORS only for the origins a site allows', async () => {
    const site = await newSite();
    const ask = (origin: string, method = 'GET') =>
      fetch(`${url}/api/chat/site/${site._id}?lang=en`, {
        method,
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const allowed = await ask(hostOrigin);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(hostOrigin);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect((await ask(hostOrigin, 'OPTIONS')).status).toBe(204);
    const other = await ask('http://elsewhere.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect((await ask('http://elsewhere.example', 'OPTIONS')).status).toBe(403);
  });

  it('says so when the tag names an unknown site', async () => {
    const page = await hostPage({ site: `nowhere-${randomUUID().slice(0, 6)}` }, 'en');
    await page.getByRole('button', { name: words.en.launcher }).click(patience);
    await page.getByRole('alert').getByText(words.en.unknown).waitFor(patience);
  });

  for (const [lang, width] of [
    ['fr', 1440],
    ['en', 390],
  ] as const) {
    it(`offers a message when nobody can chat, a case on the email channel with its promise (${lang}, ${width} px)`, async () => {
      // No agent of this test stack is Available, so the site is offline whatever the hour.
      const site = await newSite({ offlineOffer: true });
      const t = words[lang];
      const page = await hostPage({ site: site._id }, lang, width);
      await page.getByRole('button', { name: t.launcher }).click(patience);
      const offline = page.getByTestId('chat-offline');
      await offline.waitFor(patience);
      const email = `offline-${randomUUID().slice(0, 8)}@exemple.fr`;
      await offline.getByLabel(t.name).fill('Nina Roux');
      await offline.getByLabel(t.email).fill(email);
      await offline.getByLabel(t.message).fill('Je voudrais changer mon adresse de livraison.');
      await screenshot(page, `chat-sites-offline-${lang}-${width}`, false);
      await offline.getByRole('button', { name: t.sendMessage }).click();
      const receipt = page.getByTestId('chat-offline-receipt');
      await receipt.getByText(t.received).waitFor(patience);
      const task = await taskOf({ email });
      expect(task.channel).toBe('email');
      await receipt.getByText(caseRef(task.caseId)).waitFor(patience);
      // The promise in words, as the web form's confirmation shows it.
      await expect.poll(async () => await receipt.locator('p').count(), polling).toBe(2);
      await screenshot(page, `chat-sites-offline-${lang}-${width}-sent`, false);
    });
  }

  it('offers a callback when nobody can chat, an inbound contact asking to be called', async () => {
    const site = await newSite({ offlineOffer: true });
    const page = await hostPage({ site: site._id }, 'fr');
    await page.getByRole('button', { name: words.fr.launcher }).click(patience);
    const offline = page.getByTestId('chat-offline');
    await offline.getByLabel(words.fr.callback).check(patience);
    await offline.getByLabel(words.fr.name).fill('Paul Girard');
    const phone = `06${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    await offline.getByLabel(words.fr.phone).fill(phone);
    await offline.getByLabel(/Quand vous rappeler/).fill('après 18:00');
    await screenshot(page, 'chat-sites-callback-fr-1440', false);
    await offline.getByRole('button', { name: words.fr.sendCallback }).click();
    await page.getByText(words.fr.callbackReceived).waitFor(patience);
    const task = await taskOf({ phone: `+33${phone.slice(1)}` });
    // Intake schedules the callback the visitor asked for.
    const handle = stack.client.workflow.getHandle(caseWorkflowId(task.caseId));
    await expect
      .poll(async () => (await handle.query(caseStateQuery)).callbacks.length, polling)
      .toBe(1);
  });

  for (const [lang, width] of [
    ['en', 1440],
    ['fr', 390],
  ] as const) {
    it(`lets a manager add a site, shows its secret once and regenerates it (${lang}, ${width} px)`, async () => {
      const page = await signedInPage(browser, url, 'manager', 'relais-manager', lang);
      onTestFinished(() => page.context().close());
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${url}/chat-sites?id=__new`, patience);
      const id = `site-${randomUUID().slice(0, 6)}`;
      const form = page.locator('form[data-form="chat-site"]');
      await form.locator('[name="id"]').fill(id);
      await form.locator('[name="labelFr"]').fill(`Boutique ${id}`);
      await form.locator('[name="labelEn"]').fill(`Shop ${id}`);
      await form.locator('[name="origins"]').fill('not an origin');
      await form.locator('button.primary').click();
      await page.locator('.alert.error').waitFor(patience);
      await form.locator('[name="origins"]').fill('https://shop.example/');
      await form.locator('button.primary').click();
      const shown = page.getByTestId('site-secret');
      await shown.waitFor(patience);
      const secret = await shown.innerText();
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      expect(await stack.relais.stores.chatSites.secrets.get(id)).toBe(secret);
      expect((await stack.relais.stores.chatSites.get(id))?.origins).toEqual([
        'https://shop.example',
      ]);
      await screenshot(page, `chat-sites-manager-${lang}-${width}`);

      page.once('dialog', (dialog) => void dialog.accept());
      await page.locator('form[action="?/regenerate"] button').click();
      await expect.poll(async () => await shown.innerText(), polling).not.toBe(secret);
      expect(await stack.relais.stores.chatSites.secrets.get(id)).toBe(await shown.innerText());
      // Shown once: a fresh visit has no secret on the page.
      await page.goto(`${url}/chat-sites?id=${id}`, patience);
      await page.locator('form[data-form="chat-site"]').waitFor(patience);
      expect(await page.getByTestId('site-secret').count()).toBe(0);
    });
  }
});
