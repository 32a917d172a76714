import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { freePort } from '../../launcher/ports';
import type { ManagedProcess } from '../../launcher/process';
import { mailStores } from '../../worker/email/mailStores';
import { statusLinkUrl } from '../../worker/links/statusLink';
import type { Mongo } from '../../worker/store/mongo';
import type { Stores } from '../../worker/store/stores';
import {
  caseStateQuery,
  claimUpdate,
  noteUpdate,
  resolveUpdate,
} from '../../workflows/contracts/case';
import { caseWorkflowId } from '../../workflows/contracts/customer';
import { startDesigner, type DesignerServer } from '../support/designerServer';
import { testDataConverter } from '../support/privacy';
import { eventually, freshDatabase } from '../support/relaisWorker';
import { startWorkerProcess } from '../support/workerProcess';
import {
  launchChromium,
  newContext,
  patience,
  polling,
  screenshot,
  signedInPage,
  useLanguage,
} from './support/browser';
import { openWithScriptsHeld } from './support/slowScripts';

/**
 * The customers' pages as `npm start` serves them: the real worker process acknowledges on its
 * dev mail sink with the signed status link; the designer serves /contact and /status to anyone.
 */
const linkSecret = 'the-status-link-secret-of-the-tests';
let browser: Browser;
let worker: ManagedProcess;
let designer: DesignerServer;
let mongo: Mongo;
let stores: Stores;
let dbUri: string;
let taskQueue: string;
let client: Client;
let connection: Connection;

beforeAll(async () => {
  const db = await freshDatabase();
  ({ mongo, stores, uri: dbUri } = db);
  taskQueue = `web-form-${randomUUID()}`;
  const env = { RELAIS_LINK_SECRET: linkSecret };
  worker = startWorkerProcess({
    mongoUri: dbUri,
    taskQueue,
    name: 'worker-web-form',
    env: { ...env, RELAIS_DEV_MAIL_SINK: 'true', RELAIS_SMTP_PORT: String(await freePort()) },
  });
  connection = await Connection.connect({ address: inject('temporalAddress') });
  client = new Client({ connection, dataConverter: await testDataConverter() });
  [browser, designer] = await Promise.all([
    launchChromium(),
    // Every test here posts from the same address: the hourly limit has its own test below.
    startDesigner({ mongoUri: dbUri, taskQueue, env: { ...env, RELAIS_WEBFORM_PER_HOUR: '100' } }),
    // The worker seeds the categories the form offers.
    eventually(
      async () => (await stores.categories.ids()).length > 0,
      'the seeded categories',
      120_000,
    ),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await designer?.process.stop();
  await worker?.stop();
  await connection?.close();
  await mongo?.close();
});

async function contactPage(lang: 'fr' | 'en', width = 1440): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${designer.url}/contact`, patience);
  await useLanguage(page, lang);
  return page;
}

async function fillForm(
  page: Page,
  form: { category: string; email: string; subject: string; message: string; order?: string },
) {
  await page.getByLabel(/Votre demande concerne|Your request is about/).selectOption(form.category);
  if (form.order !== undefined)
    await page.getByLabel(/Numéro de commande|Order number/).fill(form.order);
  await page.getByLabel(/Votre nom|Your name/).fill('Claire Martin');
  await page.getByLabel(/Votre e-mail|Your email/).fill(form.email);
  await page.locator('input[name="subject"]').fill(form.subject);
  await page.getByLabel(/Votre message|Your message/).fill(form.message);
}

const send = (page: Page) => page.getByRole('button', { name: /^(Envoyer|Send)$/ }).click();

/** The acknowledgement a customer got in the dev sink, and the status link it carries. */
async function acknowledgementLink(email: string): Promise<{ text: string; path: string }> {
  const { devMailbox } = mailStores(mongo.db);
  const ack = await eventually(
    async () => (await devMailbox.latest(20)).find((m) => m.envelopeTo.includes(email)),
    'the acknowledgement in the dev mail sink',
    120_000,
  );
  const url = /https?:\/\/\S+\/status\/\S+/.exec(ack.text)?.[0];
  expect(url, ack.text).toBeTruthy();
  const link = new URL(url!);
  return { text: ack.text, path: link.pathname + link.search };
}

interface SubmitOptions {
  category: string;
  lang: 'fr' | 'en';
  width: number;
}

/** Submits the form and returns the case, from the confirmation's reference. */
async function submitted(
  email: string,
  { category = 'facturation', lang = 'fr', width = 1440 }: Partial<SubmitOptions> = {},
) {
  const page = await contactPage(lang, width);
  await fillForm(page, {
    category,
    email,
    subject: 'Facture de mars',
    message: 'Deux fois les frais.',
  });
  await screenshot(page, `web-form-${lang}-${width}`);
  await send(page);
  // An alert instead of the confirmation fails at once, in its words.
  await page.getByTestId('contact-sent').or(page.getByRole('alert')).first().waitFor(patience);
  expect(await page.getByRole('alert').allTextContents()).toEqual([]);
  // The confirmation links to the case's status page.
  const href = await page
    .getByRole('link', { name: /^(Suivre ma demande|Follow my request)$/ })
    .getAttribute('href');
  const caseId = decodeURIComponent(new URL(href!).pathname.split('/').pop()!);
  return { page, caseId };
}
describe('web form', () => {
  it('shows each error on its field, keeps what was typed, and opens nothing', async () => {
    const email = `claire-${randomUUID().slice(0, 8)}@exemple.fr`;
    for (const [lang, width] of [
      ['fr', 1440],
      ['en', 390],
    ] as const) {
      const page = await contactPage(lang, width);
      await fillForm(page, {
        category: 'livraison',
        email: 'pas-une-adresse',
        subject: 'Colis abîmé',
        message: '',
        order: '',
      });
      await send(page);
      const invalid = page.locator('[aria-invalid="true"]');
      await expect.poll(() => invalid.count(), polling).toBe(3);
      const errorOf = (label: RegExp) =>
        page
          .getByLabel(label)
          .evaluate(
            (el) =>
              el.ownerDocument.getElementById(el.getAttribute('aria-describedby') ?? '')
                ?.textContent,
          );
      expect(await errorOf(/Votre e-mail|Your email/)).toBe(
        lang === 'fr'
          ? 'Saisissez une adresse e-mail comme nom@exemple.fr'
          : 'Enter an email address such as name@example.com',
      );
      expect(await errorOf(/Numéro de commande|Order number/)).toBe(
        lang === 'fr' ? 'Obligatoire' : 'Required',
      );
      expect(await errorOf(/Votre message|Your message/)).toBe(
        lang === 'fr' ? 'Obligatoire' : 'Required',
      );
      // Nothing typed is lost.
      expect(await page.locator('input[name="subject"]').inputValue()).toBe('Colis abîmé');
      expect(await page.getByLabel(/Votre nom|Your name/).inputValue()).toBe('Claire Martin');
      expect(
        await page.getByLabel(/Votre demande concerne|Your request is about/).inputValue(),
      ).toBe('livraison');
      await screenshot(page, `web-form-errors-${lang}-${width}`);
      await page.context().close();
    }
    expect(await stores.customers.find({ email })).toBeNull();
  });

  it('keeps what a customer typed while the page was still loading, the category included', async () => {
    const email = `lent-${randomUUID().slice(0, 8)}@exemple.fr`;
    const page = await (await newContext(browser)).newPage();
    const release = await openWithScriptsHeld(page, `${designer.url}/contact`);
    await fillForm(page, {
      category: 'livraison',
      email,
      subject: 'Colis en retard',
      message: 'Toujours rien reçu.',
    });
    release();
    // The delivery category's own field shows once the script runs with the category kept.
    await page.getByLabel(/Numéro de commande|Order number/).fill('CMD-12345', patience);
    expect(await page.getByLabel(/Votre demande concerne|Your request is about/).inputValue()).toBe(
      'livraison',
    );
    expect(await page.getByLabel(/Votre e-mail|Your email/).inputValue()).toBe(email);
    expect(await page.getByLabel(/Votre message|Your message/).inputValue()).toBe(
      'Toujours rien reçu.',
    );
    await send(page);
    await page.getByTestId('contact-sent').waitFor(patience);
    await page.context().close();
  });

  it('refuses a form a bot filled in, the hidden field included, and writes nothing', async () => {
    const email = `bot-${randomUUID().slice(0, 8)}@exemple.fr`;
    const page = await contactPage('fr');
    await fillForm(page, { category: 'autre', email, subject: 'Offre', message: 'Achetez.' });
    await page.locator('input[name="website"]').fill('https://spam.example', { force: true });
    await send(page);
    await expect
      .poll(() => page.getByRole('alert').textContent(), polling)
      .toBe('Votre message n’a pas pu être envoyé.');
    expect(await stores.customers.find({ email })).toBeNull();
    await page.context().close();
  });

  it('opens a case and the confirmation states its promise', async () => {
    const email = `claire-${randomUUID().slice(0, 8)}@exemple.fr`;
    const promise = {
      fr: /Nous revenons vers vous (sous \d+ h|au plus tard le)/,
      en: /We'll get back to you (within \d+ hours|by)/,
    };
    for (const [lang, width, address] of [
      ['fr', 1440, email],
      ['en', 390, `m-${email}`],
      ['en', 1440, `e-${email}`],
      ['fr', 390, `f-${email}`],
    ] as const) {
      const { page, caseId } = await submitted(address, { lang, width });
      const sent = page.getByTestId('contact-sent');
      expect(await sent.textContent()).toMatch(promise[lang]);
      expect(await sent.textContent()).toContain(
        `${lang === 'fr' ? 'Référence' : 'Reference'} ${caseId.slice(0, 8).toUpperCase()}`,
      );
      const task = await eventually(() => stores.tasks.get(caseId), 'the case task');
      expect(task.channel).toBe('webform');
      await screenshot(page, `web-form-sent-${lang}-${width}`);
      await page.context().close();
    }
    const customer = await stores.customers.find({ email });
    expect(customer?.name).toBe('Claire Martin');
  });

  it('turns away an address past its hourly limit, keeping what it typed', async () => {
    const limited = await startDesigner({
      mongoUri: dbUri,
      taskQueue,
      env: { RELAIS_LINK_SECRET: linkSecret, RELAIS_WEBFORM_PER_HOUR: '2' },
    });
    try {
      const page = await (await newContext(browser)).newPage();
      await page.goto(`${limited.url}/contact`, patience);
      await useLanguage(page, 'en');
      for (let i = 0; i < 3; i++) {
        await fillForm(page, { category: 'autre', email: 'x', subject: `Try ${i}`, message: 'm' });
        // One post after the other: each answer is in before the next form is typed.
        await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST', patience),
          send(page),
        ]);
        await page.getByRole('alert').waitFor(patience);
      }
      await expect
        .poll(() => page.getByRole('alert').textContent(), polling)
        .toMatch(/^Too many messages from your connection: please try again in \d+ min\.$/);
      expect(await page.locator('input[name="subject"]').inputValue()).toBe('Try 2');
      await page.context().close();
    } finally {
      await limited.process.stop();
    }
  });
});

describe('contact categories', () => {
  it('a manager adds a category with a field, audited, and the form offers it at once', async () => {
    const id = `retour-${randomUUID().slice(0, 6)}`;
    const page = await signedInPage(browser, designer.url, 'manager', 'relais-manager', 'fr');
    await page.goto(`${designer.url}/categories?id=__new`, patience);
    await page.locator('input[name="id"]').fill(id);
    await page.locator('input[name="labelFr"]').fill('Retour produit');
    await page.locator('input[name="labelEn"]').fill('Product return');
    await page.locator('input[name="field.0.id"]').fill('rma');
    await page.locator('input[name="field.0.fr"]').fill('Numéro de retour');
    await page.locator('input[name="field.0.en"]').fill('Return number');
    await page.locator('input[name="field.0.required"]').check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), polling)
      .toContain('Retour produit');
    await screenshot(page, 'categories-fr-1440');
    expect(
      (await stores.catalogueAudit.recent({ kind: 'category', targetId: id }))[0]?.action,
    ).toBe('create');
    await page.context().close();

    const form = await contactPage('en');
    await form.getByLabel('Your request is about').selectOption(id);
    await form.getByLabel('Return number').waitFor(patience);
    await form.context().close();
  });
});

describe('status page', () => {
  it('opens from the acknowledgement, shows the thread without internal notes, and takes a reply', async () => {
    const email = `lea-${randomUUID().slice(0, 8)}@exemple.fr`;
    const { page: form, caseId } = await submitted(email);
    await form.context().close();
    const handle = client.workflow.getHandle(caseWorkflowId(caseId));
    await handle.executeUpdate(noteUpdate, {
      args: [{ agentId: 'agent', text: 'Note interne : client déjà remboursé en février' }],
    });
    const { text, path } = await acknowledgementLink(email);
    expect(text).toContain('Suivez votre demande et répondez-nous ici :');

    const page = await (await newContext(browser)).newPage();
    for (const [lang, width] of [
      ['fr', 1440],
      ['en', 390],
      ['fr', 390],
      ['en', 1440],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${designer.url}${path}`, patience);
      await useLanguage(page, lang);
      await expect
        .poll(() => page.getByTestId('case-promise').textContent(), polling)
        .toMatch(lang === 'fr' ? /^Nous revenons vers vous/ : /^We'll get back to you/);
      const thread = (await page.getByTestId('thread').textContent()) ?? '';
      expect(thread).toContain('Deux fois les frais.');
      expect(thread).toContain('nous avons bien reçu votre demande');
      expect(thread).not.toContain('Note interne');
      await screenshot(page, `status-page-${lang}-${width}`);
    }

    await page.getByLabel('Your message').fill('Voici la facture en question.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect
      .poll(() => page.getByRole('status').textContent(), polling)
      .toBe('Your message has been added to your request.');
    expect(await page.getByTestId('thread').textContent()).toContain(
      'Voici la facture en question.',
    );
    const state = await handle.query(caseStateQuery);
    const reply = state.messages.find((m) => m.text === 'Voici la facture en question.');
    expect(reply?.channel).toBe('portal');
    await page.context().close();
  });

  it('refuses a tampered or expired link with a clear 403, and writes nothing', async () => {
    const email = `tom-${randomUUID().slice(0, 8)}@exemple.fr`;
    const { page: form, caseId } = await submitted(email);
    await form.context().close();
    const { path } = await acknowledgementLink(email);
    const handle = client.workflow.getHandle(caseWorkflowId(caseId));
    const before = (await handle.query(caseStateQuery)).messages.length;

    const url = new URL(path, designer.url);
    const sig = url.searchParams.get('sig')!;
    url.searchParams.set('sig', (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1));
    const expired = statusLinkUrl(designer.url, linkSecret, caseId, new Date(Date.now() - 1000));

    const page = await (await newContext(browser)).newPage();
    await page.goto(designer.url + '/contact', patience);
    await useLanguage(page, 'fr');
    for (const [link, words] of [
      [url.toString(), 'incomplet ou a été modifié'],
      [expired, 'Ce lien a expiré'],
    ] as const) {
      const response = await page.goto(link, patience);
      expect(response?.status()).toBe(403);
      expect(await page.getByTestId('status-refused').textContent()).toContain(words);
      expect(await page.getByTestId('status-refused').textContent()).not.toContain('Deux fois');
    }
    await screenshot(page, 'status-page-refused-fr-1440');
    // A reply posted to the tampered link is refused before anything is written.
    const posted = await page.request.post(`${url.toString().replace('?', '?/reply&')}`, {
      form: { text: 'Intrus', formId: randomUUID() },
      headers: { origin: designer.url },
    });
    expect(posted.status()).toBe(403);
    const after = await handle.query(caseStateQuery);
    expect(after.messages.length).toBe(before);
    expect(after.messages.some((m) => m.text === 'Intrus')).toBe(false);
    await page.context().close();
  });

  it('takes the survey score in one click', async () => {
    const email = `ines-${randomUUID().slice(0, 8)}@exemple.fr`;
    // "Other question" meets the default rule set's last rule, which asks a CSAT survey.
    const { page: form, caseId } = await submitted(email, { category: 'autre' });
    await form.context().close();
    const handle = client.workflow.getHandle(caseWorkflowId(caseId));
    await eventually(
      async () => (await stores.tasks.get(caseId))?.status === 'queued',
      'the case in its queue',
    );
    await handle.executeUpdate(claimUpdate, { args: [{ agentId: 'agent' }] });
    await handle.executeUpdate(resolveUpdate, { args: [{ agentId: 'agent', reason: 'fixed' }] });
    const survey = await eventually(
      async () =>
        (await stores.outbox.forCase(caseId)).find(
          (m) => m.kind === 'survey' && m.status === 'sent',
        ),
      'the survey',
      120_000,
    );
    const url = /https?:\/\/\S+\/status\/\S+/.exec(survey.text)?.[0];
    expect(survey.text).toContain('Donnez votre note en un clic :');

    const page = await (await newContext(browser)).newPage();
    await page.goto(`${designer.url}${new URL(url!).pathname}${new URL(url!).search}`, patience);
    await useLanguage(page, 'en');
    await page.getByTestId('survey').waitFor(patience);
    await screenshot(page, 'status-page-survey-en-1440');
    await page.getByRole('button', { name: '4 out of 5' }).click();
    await expect
      .poll(() => page.getByTestId('survey').textContent(), polling)
      .toContain('Thank you for your score: 4 out of 5.');
    await expect
      .poll(async () => (await handle.query(caseStateQuery)).survey?.score, polling)
      .toBe(4);
    // The score closes the case: the page keeps thanking for it.
    await expect
      .poll(async () => (await handle.query(caseStateQuery)).status, polling)
      .toBe('closed');
    await page.reload(patience);
    expect(await page.getByTestId('survey').textContent()).toContain(
      'Thank you for your score: 4 out of 5.',
    );
    await page.context().close();
  });
});
