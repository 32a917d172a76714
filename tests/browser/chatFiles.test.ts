import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { loadConfig } from '../../worker/config';
import { retentionSweep } from '../../worker/privacy/retention';
import { ErasureStore } from '../../worker/store/erasureStore';
import { startDevStack, type DevStack } from '../support/devStack';
import { launchChromium, patience, polling, screenshot, signedInPage } from './support/browser';
import { demoHostPage, startVisitorChat, type VisitorLang } from './support/chatVisitor';

/**
 * Files from the chat widget, with the limits of email attachments: sent with the widget's
 * button, shown to the agent under the message and downloaded by signed-in users only; refused
 * at once when too large or of another type; gone with the customer's erasure, and its bytes
 * with the attachment retention.
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

const attachWords = { fr: 'Envoyer un fichier', en: 'Send a file' } as const;

/** Picks `file` through the widget's own button and the browser's file chooser. */
async function sendFile(
  page: Page,
  lang: VisitorLang,
  file: { name: string; mimeType: string; buffer: Buffer },
) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser', patience),
    page.getByRole('button', { name: attachWords[lang] }).click(),
  ]);
  await chooser.setFiles(file);
}

const db = () => stack.relais.stores.outbox.col.db;

describe('chat files', () => {
  it('carries a visitor’s file to the agent, who downloads it signed in only', async () => {
    const page = await demoHostPage(browser, url, 'fr', 1440);
    const { caseId } = await startVisitorChat(page, 'fr', 'Voici la photo du colis abîmé.');
    const content = randomBytes(40_000);
    await sendFile(page, 'fr', { name: 'colis-abîmé.png', mimeType: 'image/png', buffer: content });
    await page.getByRole('log').getByText('Fichier : colis-abîmé.png').waitFor(patience);
    await screenshot(page, 'chat-file-fr-1440', false);

    const agent = await signedInPage(browser, url, 'agent', 'relais-agent');
    onTestFinished(() => agent.context().close());
    await agent.goto(`${url}/cases/${caseId}`, patience);
    const link = agent.getByTestId('mail-attachments').getByRole('link', { name: /colis-abîmé/ });
    await link.waitFor(patience);
    await screenshot(agent, 'chat-file-case-page', true);
    const href = (await link.getAttribute('href'))!;
    const download = await agent.request.get(`${url}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toMatch(/^attachment;/);
    expect(Buffer.from(await download.body()).equals(content)).toBe(true);

    // The visitor, and anyone else not signed in, cannot fetch it.
    const anonymous = await page.request.get(`${url}${href}`, { maxRedirects: 0 });
    expect(anonymous.status()).not.toBe(200);
  });

  it('refuses a file too large or of another type at once, in English at 390 px, writing nothing', async () => {
    const page = await demoHostPage(browser, url, 'en', 390);
    const { caseId } = await startVisitorChat(page, 'en', 'I have a document for you.');
    const alert = page.getByRole('alert');

    // The designer runs with the default limit, as `npm start` does.
    const maxBytes = loadConfig({}).RELAIS_MAIL_ATTACHMENT_MAX_BYTES;
    const tooLarge = Buffer.alloc(maxBytes + 1, 1);
    await sendFile(page, 'en', { name: 'scan.pdf', mimeType: 'application/pdf', buffer: tooLarge });
    await alert
      .getByText(`This file is too large: ${maxBytes / 1024 / 1024} MB at most.`)
      .waitFor(patience);
    await screenshot(page, 'chat-file-en-390-too-large', false);

    const program = { name: 'setup.exe', mimeType: 'application/x-msdownload' };
    await sendFile(page, 'en', { ...program, buffer: Buffer.from('MZ') });
    await alert.getByText(/This kind of file cannot be sent here/).waitFor(patience);

    const log = page.getByRole('log');
    await expect(log.getByText('File: scan.pdf').count()).resolves.toBe(0);
    await expect(log.getByText('File: setup.exe').count()).resolves.toBe(0);
    // A later message still goes, after which anything written by the refusals would be there.
    await page.getByLabel('Your message').fill('Sent by email instead.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await log.getByText('Sent by email instead.').waitFor(patience);
    expect(await stack.relais.stores.chatAttachments.ofCase(caseId)).toEqual({});
  });

  it('goes with the customer’s erasure, bytes and reference', async () => {
    const page = await demoHostPage(browser, url, 'fr', 1440);
    const { caseId } = await startVisitorChat(page, 'fr', 'Ma facture en pièce jointe.');
    await sendFile(page, 'fr', {
      name: 'facture.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 facture'),
    });
    const files = stack.relais.stores.chatAttachments;
    await expect.poll(() => files.col.countDocuments({ caseId }), polling).toBe(1);
    const ref = (await files.col.findOne({ caseId }))!;
    const bytes = db().collection('mailAttachments');
    expect(await bytes.countDocuments({ _id: ref._id as never })).toBe(1);

    // Erasure: the reference and the bytes, counted first.
    const erasure = new ErasureStore(db(), stack.relais.stores.tasks);
    expect((await erasure.count(ref.customerId, [caseId])).attachments).toBe(1);
    await erasure.erase(ref.customerId, [caseId]);
    expect(await files.col.countDocuments({ customerId: ref.customerId })).toBe(0);
    expect(await bytes.countDocuments({ _id: ref._id as never })).toBe(0);
    expect((await erasure.count(ref.customerId, [caseId])).attachments).toBe(0);
  });

  it('loses its bytes to the attachment retention, keeping what the thread names', async () => {
    const page = await demoHostPage(browser, url, 'fr', 1440);
    const { caseId } = await startVisitorChat(page, 'fr', 'Le bon de livraison.');
    await sendFile(page, 'fr', {
      name: 'bon.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 bon'),
    });
    const files = stack.relais.stores.chatAttachments;
    await expect.poll(() => files.col.countDocuments({ caseId }), polling).toBe(1);
    const ref = (await files.col.findOne({ caseId }))!;
    const bytes = db().collection('mailAttachments');

    // A year and a day later: counted by a dry run, then removed; the reference stays, as for email.
    const later = new Date(ref.receivedAt.getTime() + 366 * 24 * 3600 * 1000);
    const settings = { months: 120, attachmentDays: 365, outboxBodyDays: 3650 };
    expect((await retentionSweep(db(), settings, later, true)).attachments).toBeGreaterThan(0);
    expect(await bytes.countDocuments({ _id: ref._id as never })).toBe(1);
    await retentionSweep(db(), settings, later, false);
    expect(await bytes.countDocuments({ _id: ref._id as never })).toBe(0);
    expect(await files.col.countDocuments({ caseId })).toBe(1);
  });
});
