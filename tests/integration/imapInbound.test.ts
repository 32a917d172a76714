import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { ImapFlow } from 'imapflow';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort, waitForPort } from '../../launcher/ports';
import { spawnManaged, type ManagedProcess } from '../../launcher/process';
import { greenmailJar } from '../../launcher/provision';
import { createActivities } from '../../worker/activities/createActivities';
import { loadConfig } from '../../worker/config';
import type { MailIntakeDeps } from '../../worker/email/acceptMail';
import { startImapPoller } from '../../worker/email/imapPoller';
import { inboundMailId } from '../../worker/email/inboundMails';
import { startMailServices, type MailServices } from '../../worker/email/mailServices';
import { mailStores } from '../../worker/email/mailStores';
import type { Mongo } from '../../worker/store/mongo';
import { buildActivityDeps } from '../../worker/wiring';
import { testDataConverter } from '../support/privacy';
import { eventually, freshDatabase } from '../support/relaisWorker';

/**
 * The IMAP intake against a real IMAP server: GreenMail (fetched from Maven Central by
 * `npm run provision`), started here. Customers' mail is appended to its mailbox, as a mail
 * provider delivers it; the worker's mail services read it through IMAP_URL.
 */
const user = 'relais';
const password = 'imap-secret';
let greenmail: ManagedProcess;
let imapPort: number;
let mongo: Mongo;
let mail: MailServices;
let client: Client;
let deps: MailIntakeDeps;
let stopWorker: () => void = () => {};
let running: Promise<void>;
const connections: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  imapPort = await freePort();
  greenmail = spawnManaged({
    name: 'greenmail',
    command: 'java',
    args: [
      '-Dgreenmail.imap.hostname=127.0.0.1',
      `-Dgreenmail.imap.port=${imapPort}`,
      `-Dgreenmail.users=${user}:${password}@relais.test`,
      '-jar',
      greenmailJar,
    ],
    output: join(inject('tmpDir'), `greenmail-${imapPort}.log`),
  });
  await waitForPort(imapPort, 60_000);
  const db = await freshDatabase();
  mongo = db.mongo;
  const taskQueue = `imap-${randomUUID()}`;
  const config = loadConfig({
    MONGODB_URI: db.uri,
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: taskQueue,
    RELAIS_SMTP_PORT: String(await freePort()),
    IMAP_URL: `imap://${user}:${password}@127.0.0.1:${imapPort}/INBOX`,
    RELAIS_IMAP_POLL_SECONDS: '1',
  });
  const workerConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  connections.push(workerConnection, clientConnection);
  const worker = await Worker.create({
    connection: workerConnection,
    taskQueue,
    dataConverter: await testDataConverter(),
    workflowBundle: { codePath: inject('workflowBundlePath') },
    activities: createActivities(await buildActivityDeps(mongo.db)),
  });
  running = worker.runUntil(new Promise<void>((resolve) => (stopWorker = resolve)));
  client = new Client({ connection: clientConnection, dataConverter: await testDataConverter() });
  deps = {
    db: mongo.db,
    client,
    taskQueue,
    phoneCountry: 'FR',
    maxInFlight: 10,
    attachments: { maxBytes: 1_000_000, types: ['image/*'] },
  };
  mail = await startMailServices(
    config,
    () => mongo.db,
    () => {},
  );
  await mail.receive(client);
});

afterAll(async () => {
  await mail?.close();
  stopWorker();
  await running;
  for (const c of connections) await c.close();
  await mongo?.close();
  await greenmail?.stop();
});

/** A mailbox client as the mail provider's delivery, or a person looking at the flags. */
async function mailbox<T>(fn: (imap: ImapFlow) => Promise<T>): Promise<T> {
  const imap = new ImapFlow({
    host: '127.0.0.1',
    port: imapPort,
    secure: false,
    auth: { user, pass: password },
    logger: false,
  });
  await imap.connect();
  try {
    return await fn(imap);
  } finally {
    await imap.logout();
  }
}

/** A customer's mail, delivered into `folder`; its sender and Message-ID. */
async function deliver(folder: string, subject: string) {
  const from = `client-${randomUUID().slice(0, 8)}@exemple.fr`;
  const messageId = `<${randomUUID()}@exemple.fr>`;
  const raw = [
    `From: Camille <${from}>`,
    'To: support@relais.test',
    `Subject: ${subject}`,
    `Message-ID: ${messageId}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Ma commande n’est pas arrivée.',
    '',
  ].join('\r\n');
  const appended = await mailbox((imap) => imap.append(folder, raw));
  if (!appended || appended.uid === undefined) throw new Error('GreenMail did not take the mail');
  return { from, messageId, uid: appended.uid };
}

const flagsOf = (folder: string, uid: number) =>
  mailbox(async (imap) => {
    const lock = await imap.getMailboxLock(folder);
    try {
      const message = await imap.fetchOne(String(uid), { flags: true }, { uid: true });
      return message ? [...(message.flags ?? [])] : [];
    } finally {
      lock.release();
    }
  });

describe('email in by IMAP', () => {
  it('opens a case for a mail in the mailbox and marks it seen only then', async () => {
    const { from, messageId, uid } = await deliver('INBOX', 'Commande perdue');
    const recorded = await eventually(async () => {
      const doc = await mailStores(mongo.db).inbound.get(inboundMailId(from, messageId));
      return doc?.status === 'delivered' && doc;
    }, 'the mail delivered to its case');
    expect(recorded.caseId).toBeTruthy();
    expect(recorded).toMatchObject({ subject: 'Commande perdue', to: ['support@relais.test'] });
    await eventually(async () => (await flagsOf('INBOX', uid)).includes('\\Seen'), 'seen');
  });

  it('leaves a mail unseen while the intake fails, and takes it at a later pass', async () => {
    await mailbox((imap) => imap.mailboxCreate('Retry'));
    const { from, messageId, uid } = await deliver('Retry', 'Toujours rien');
    const url = `imap://${user}:${password}@127.0.0.1:${imapPort}/Retry`;
    // Temporal unreachable: the intake answers "try later", as the SMTP receiver's 451.
    const down = new Client({
      connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}` }),
    });
    const failing: string[] = [];
    const poller = startImapPoller({
      url,
      intervalSeconds: 1,
      deps: () => ({ ...deps, client: down }),
      log: (line) => failing.push(line),
    });
    await eventually(
      async () => failing.some((l) => l.includes(`mail ${uid} not taken`)),
      'a pass that could not take the mail',
    );
    await poller.close();
    expect(await flagsOf('Retry', uid)).not.toContain('\\Seen');
    const id = inboundMailId(from, messageId);
    expect(await mailStores(mongo.db).inbound.get(id)).toMatchObject({ status: 'received' });

    const working = startImapPoller({ url, intervalSeconds: 1, deps: () => deps, log: () => {} });
    try {
      await eventually(
        async () => (await mailStores(mongo.db).inbound.get(id))?.status === 'delivered',
        'the mail delivered at a later pass',
      );
      await eventually(async () => (await flagsOf('Retry', uid)).includes('\\Seen'), 'seen');
    } finally {
      await working.close();
    }
  });
});
