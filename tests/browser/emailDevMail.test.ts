import { randomUUID } from 'node:crypto';
import { createTransport } from 'nodemailer';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, waitForPort } from '../../launcher/ports';
import type { ManagedProcess } from '../../launcher/process';
import { mailStores } from '../../worker/email/mailStores';
import type { Mongo } from '../../worker/store/mongo';
import { startDesigner, type DesignerServer } from '../support/designerServer';
import { eventually, freshDatabase } from '../support/relaisWorker';
import { startWorkerProcess } from '../support/workerProcess';
import {
  launchChromium,
  newContext,
  patience,
  screenshot,
  signIn,
  useLanguage,
} from './support/browser';

/**
 * The embedded default as `npm start` runs it: the real worker process receives mail on its SMTP
 * port and, with no relay configured, sends to its dev mail sink; the designer shows both.
 */
let browser: Browser;
let worker: ManagedProcess;
let designer: DesignerServer;
let mongo: Mongo;
let smtpPort: number;

beforeAll(async () => {
  const db = await freshDatabase();
  mongo = db.mongo;
  smtpPort = await freePort();
  const taskQueue = `dev-mail-${randomUUID()}`;
  worker = startWorkerProcess({
    mongoUri: db.uri,
    taskQueue,
    name: 'worker-dev-mail',
    env: { RELAIS_SMTP_PORT: String(smtpPort), RELAIS_DEV_MAIL_SINK: 'true' },
  });
  [browser, designer] = await Promise.all([
    launchChromium(),
    startDesigner({ mongoUri: db.uri, taskQueue }),
    waitForPort(smtpPort, 120_000),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await designer?.process.stop();
  await worker?.stop();
  await mongo?.close();
});

describe('dev mail page', () => {
  it('shows the mail a customer sent and the acknowledgement they got, to signed-in users only', async () => {
    const address = `camille-${randomUUID().slice(0, 8)}@exemple.fr`;
    const sent = await createTransport({
      host: '127.0.0.1',
      port: smtpPort,
      ignoreTLS: true,
    }).sendMail({
      from: `Camille Durand <${address}>`,
      to: 'support@relais.local',
      subject: 'Ma commande 4471 est arrivée cassée',
      text: 'Bonjour,\n\nLe vase est arrivé en morceaux. Photo jointe.\n\nCamille',
      attachments: [
        {
          filename: 'vase.png',
          contentType: 'image/png',
          content: Buffer.from('not really a png'),
        },
      ],
    });
    const { devMailbox } = mailStores(mongo.db);
    const ack = await eventually(
      async () => (await devMailbox.latest(10)).find((m) => m.envelopeTo.includes(address)),
      'the acknowledgement in the dev mail sink',
      120_000,
    );
    expect(ack.inReplyTo).toBe(sent.messageId);
    expect(ack.subject).toMatch(/^Nous avons bien reçu votre demande \[#[0-9A-F]{8}\]$/);

    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, designer.url, 'agent', 'relais-agent');
    for (const lang of ['fr', 'en'] as const) {
      await useLanguage(page, lang);
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${designer.url}/dev/mail`, patience);
        const sentItem = page.locator('[data-testid="sent-mails"] li').first();
        const receivedItem = page.locator('[data-testid="received-mails"] li').first();
        await sentItem.locator('summary').click();
        await receivedItem.locator('summary').click();
        await expect
          .poll(() => sentItem.textContent(), patience)
          .toContain(ack.messageId ?? 'no id');
        expect(await receivedItem.textContent()).toContain('Ma commande 4471 est arrivée cassée');
        expect(await receivedItem.textContent()).toContain(lang === 'fr' ? 'Dossier' : 'Case');
        await screenshot(page, `dev-mail-${lang}-${width}`);
      }
    }

    // The case's thread shows the attachment under the customer's message.
    await page
      .locator('[data-testid="received-mails"] li')
      .first()
      .getByRole('link', { name: /^Case / })
      .click(patience);
    await expect
      .poll(() => page.locator('[data-testid="mail-attachments"]').textContent(), patience)
      .toContain('vase.png');
    await page.goBack(patience);

    // The attachment downloads for a signed-in user, and for nobody else.
    const link = page
      .locator('[data-testid="received-mails"] li')
      .first()
      .getByRole('link', {
        name: /vase\.png/,
      });
    const href = await link.getAttribute('href');
    const download = await page.request.get(`${designer.url}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toContain("filename*=UTF-8''vase.png");
    expect(await download.text()).toBe('not really a png');
    const anonymous = await fetch(`${designer.url}${href}`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toContain('/login');
    await context.close();
  });
});
