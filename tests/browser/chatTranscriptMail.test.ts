import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { request, type APIRequestContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort, waitForPort } from '../../launcher/ports';
import type { ManagedProcess } from '../../launcher/process';
import { mailStores } from '../../worker/email/mailStores';
import type { Mongo } from '../../worker/store/mongo';
import { startDesigner, type DesignerServer } from '../support/designerServer';
import { testDataConverter } from '../support/privacy';
import { eventually, freshDatabase } from '../support/relaisWorker';
import { startWorkerProcess } from '../support/workerProcess';
import { chatTranscriptWorkflowId } from '../../workflows/contracts/chatTranscript';
import { polling } from './support/browser';

/**
 * The transcript as `npm start` sends it: the real worker process, with no SMTP relay set,
 * delivers it over SMTP to its dev mail sink, where the mail is read back.
 */
let worker: ManagedProcess;
let designer: DesignerServer;
let mongo: Mongo;
let api: APIRequestContext;
let connection: Connection;
let client: Client;

beforeAll(async () => {
  const db = await freshDatabase();
  mongo = db.mongo;
  const smtpPort = await freePort();
  const taskQueue = `chat-transcript-${randomUUID()}`;
  worker = startWorkerProcess({
    mongoUri: db.uri,
    taskQueue,
    name: 'worker-chat-transcript',
    env: { RELAIS_SMTP_PORT: String(smtpPort), RELAIS_DEV_MAIL_SINK: 'true' },
  });
  [designer] = await Promise.all([
    startDesigner({ mongoUri: db.uri, taskQueue }),
    waitForPort(smtpPort, 120_000),
  ]);
  api = await request.newContext({ baseURL: designer.url });
  connection = await Connection.connect({ address: inject('temporalAddress') });
  client = new Client({ connection, dataConverter: await testDataConverter() });
});

afterAll(async () => {
  await api?.dispose();
  await connection?.close();
  await designer?.process.stop();
  await worker?.stop();
  await mongo?.close();
});

describe('chat transcript by email', () => {
  it('lands in the SMTP sink with the lines of the conversation', async () => {
    const email = `chat-${randomUUID().slice(0, 8)}@exemple.fr`;
    const started = await api.post('/api/chat/start', {
      data: { name: 'Claire Martin', email, lang: 'fr' },
    });
    expect(started.status()).toBe(201);
    const text = `Mon colis ${randomUUID().slice(0, 6)} est en retard.`;
    const sent = await api.post('/api/chat/messages', {
      data: { messageId: randomUUID(), text },
    });
    expect(sent.status()).toBe(202);
    // The case is there once the conversation shows the message.
    await expect
      .poll(async () => {
        const found = (await (await api.get('/api/chat/conversation')).json()) as {
          view?: { lines: { text: string }[] };
        };
        return found.view?.lines.map((l) => l.text) ?? [];
      }, polling)
      .toContain(text);

    const requestId = randomUUID();
    const asked = await api.post('/api/chat/transcript', { data: { requestId } });
    expect(asked.status()).toBe(202);
    const { devMailbox } = mailStores(mongo.db);
    const mail = await eventually(
      async () =>
        (await devMailbox.latest(20)).find(
          (m) => m.envelopeTo.includes(email) && m.subject.startsWith('Votre discussion avec nous'),
        ),
      'the transcript in the dev mail sink',
      120_000,
    );
    expect(mail.text).toContain('Bonjour Claire Martin,');
    expect(mail.text).toContain(`Vous :\n${text}`);
    expect(mail.raw).toMatch(/^Auto-Submitted: auto-generated/im);
    // It completes with nothing to return, through the payload codec as every workflow.
    const sentRecord = await mongo.db
      .collection<{ _id: string; caseId: string }>('outbox')
      .findOne({ kind: 'transcript', to: email });
    const caseId = sentRecord!.caseId;
    const handle = client.workflow.getHandle(chatTranscriptWorkflowId(caseId, requestId));
    await expect(handle.result()).resolves.toBeUndefined();
  });
});
