import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { MongoClient } from 'mongodb';
import { createTransport, type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../launcher/ports';
import { createActivities } from '../../worker/activities/createActivities';
import { loadConfig } from '../../worker/config';
import { inboundMailId } from '../../worker/email/inboundMails';
import { startMailServices, type MailServices } from '../../worker/email/mailServices';
import { mailStores } from '../../worker/email/mailStores';
import { startSmtpReceiver } from '../../worker/email/smtpReceiver';
import type { Mongo } from '../../worker/store/mongo';
import type { Stores } from '../../worker/store/stores';
import { buildActivityDeps, buildChannelAdapters } from '../../worker/wiring';
import { claimUpdate, replyUpdate } from '../../workflows/contracts/case';
import {
  caseWorkflowId,
  customerWorkflowId,
  openCasesQuery,
} from '../../workflows/contracts/customer';
import { caseRef } from '../../workflows/lib/promiseWords';
import { testDataConverter } from '../support/privacy';
import { eventually, freshDatabase } from '../support/relaisWorker';
import { startSmtpInbox, type ReceivedMail, type SmtpInbox } from '../support/smtpInbox';

/**
 * Email in and out on real servers: customers' mail clients are nodemailer talking SMTP to the
 * receiver; their mailbox is a real SMTP server (smtpInbox) that Relais's relay delivers to.
 */
let inbox: SmtpInbox;
let mongo: Mongo;
let stores: Stores;
let mail: MailServices;
let client: Client;
let smtpPort: number;
let stopWorker: () => void = () => {};
let running: Promise<void>;
const connections: { close(): Promise<void> }[] = [];
const attachmentLimit = 20_000;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  const db = await freshDatabase();
  mongo = db.mongo;
  stores = db.stores;
  smtpPort = await freePort();
  const taskQueue = `email-${randomUUID()}`;
  const config = loadConfig({
    MONGODB_URI: db.uri,
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: taskQueue,
    SMTP_URL: inbox.url,
    SMTP_FROM: 'Relais <support@relais.test>',
    RELAIS_SMTP_PORT: String(smtpPort),
    RELAIS_MAIL_ATTACHMENT_MAX_BYTES: String(attachmentLimit),
  });
  mail = await startMailServices(
    config,
    () => mongo.db,
    () => {},
  );
  const channels = buildChannelAdapters({
    url: config.SMTP_URL,
    from: config.SMTP_FROM,
    thread: mail.thread,
  });
  const workerConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  connections.push(workerConnection, clientConnection);
  const worker = await Worker.create({
    connection: workerConnection,
    taskQueue,
    dataConverter: await testDataConverter(),
    workflowBundle: { codePath: inject('workflowBundlePath') },
    activities: createActivities(await buildActivityDeps(mongo.db, channels)),
  });
  running = worker.runUntil(new Promise<void>((resolve) => (stopWorker = resolve)));
  client = new Client({ connection: clientConnection, dataConverter: await testDataConverter() });
  await mail.receive(client);
});

afterAll(async () => {
  await mail?.close();
  stopWorker();
  await running;
  for (const c of connections) await c.close();
  await mongo?.close();
  await inbox?.close();
});

const customerAddress = () => `client-${randomUUID().slice(0, 8)}@exemple.fr`;

/** What a customer's mail client does: one SMTP transaction to the receiver. */
const send = (options: SendMailOptions, port = smtpPort) =>
  createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }).sendMail({
    to: 'support@relais.test',
    ...options,
  });

/** A mail as the customer's client reads it: headers decoded. */
interface ReadMail {
  subject: string;
  messageId: string;
  inReplyTo: string | undefined;
  references: string | undefined;
  autoSubmitted: string | undefined;
  text: string;
}

async function read(m: ReceivedMail): Promise<ReadMail> {
  const p = await simpleParser(m.raw);
  const auto = p.headers.get('auto-submitted');
  return {
    subject: p.subject ?? '',
    messageId: p.messageId ?? '',
    inReplyTo: p.inReplyTo,
    references: Array.isArray(p.references) ? p.references.join(' ') : p.references,
    autoSubmitted: typeof auto === 'string' ? auto : undefined,
    text: p.text ?? '',
  };
}

const mailsTo = (address: string, subject: RegExp) =>
  eventually(async () => {
    const all = await Promise.all(inbox.to(address).map(read));
    const found = all.filter((m) => subject.test(m.subject));
    return found.length > 0 ? found : null;
  }, `a mail to ${address} with the subject ${subject}`);

const inboundRecord = (from: string, messageId: string) =>
  mailStores(mongo.db).inbound.get(inboundMailId(from, messageId));

describe('email in and out', () => {
  it('opens a case from a mail, answered 250 once the case has it, and acknowledges it in its thread', async () => {
    const address = customerAddress();
    const sent = await send({
      from: `Claire Martin <${address}>`,
      subject: 'Colis jamais arrivé',
      text: 'Bonjour, ma commande 4471 n’est jamais arrivée.',
    });
    // The 250 came after the case had it: the record says where it went already.
    const record = await inboundRecord(address, sent.messageId);
    expect(record).toMatchObject({ status: 'delivered', subject: 'Colis jamais arrivé' });
    const caseId = record!.caseId!;
    const [ack] = await mailsTo(address, /./);
    expect(ack!.subject).toBe(`Nous avons bien reçu votre demande [#${caseRef(caseId)}]`);
    expect(ack!.inReplyTo).toBe(sent.messageId);
    expect(ack!.references).toBe(sent.messageId);
    // RFC 3834: the customer's autoresponder must not answer our acknowledgement.
    expect(ack!.autoSubmitted).toBe('auto-replied');
    expect(ack!.messageId).toMatch(/@relais\.test>$/);
  });

  it('sends the agent’s reply with threading headers, and threads the customer’s answer into the case', async () => {
    const address = customerAddress();
    const first = await send({ from: address, subject: 'Facture en double', text: 'Deux fois !' });
    const caseId = (await inboundRecord(address, first.messageId))!.caseId!;
    const [ack] = await mailsTo(address, /./);
    await eventually(async () => (await stores.tasks.get(caseId))?.status === 'queued', 'the task');
    const handle = client.workflow.getHandle(caseWorkflowId(caseId));
    await handle.executeUpdate(claimUpdate, { args: [{ agentId: 'ana' }] });
    await handle.executeUpdate(replyUpdate, {
      args: [{ agentId: 'ana', text: 'Le doublon est remboursé.' }],
    });
    const [reply] = await mailsTo(address, /^Re: /);
    // Their subject answered, as a person's mail client would; the reference once.
    expect(reply!.subject).toBe(`Re: Facture en double [#${caseRef(caseId)}]`);
    expect(reply!.inReplyTo).toBe(first.messageId);
    expect(reply!.references).toBe(`${first.messageId} ${ack!.messageId}`);
    expect(reply!.autoSubmitted).toBeUndefined();
    expect(reply!.text).toContain('Le doublon est remboursé.');

    // The customer answers from their mail client: quoted history below, threading headers set.
    const replyId = reply!.messageId;
    const answer = await send({
      from: address,
      subject: `Re: ${reply!.subject}`,
      inReplyTo: replyId,
      references: [first.messageId, replyId],
      text: `Merci, bien reçu.\n\nLe 2 déc. 2026 à 10:00, Relais <support@relais.test> a écrit :\n> Le doublon est remboursé.\n`,
    });
    const answered = await inboundRecord(address, answer.messageId);
    expect(answered).toMatchObject({ status: 'delivered', caseId, text: 'Merci, bien reçu.' });
    expect(answered!.fullText).toContain('> Le doublon est remboursé.');
    const customerId = answered!.customerId!;
    const open = await client.workflow
      .getHandle(customerWorkflowId(customerId))
      .query(openCasesQuery);
    // The case got the thread's reference: it was found by the headers, not by chance.
    expect(open.find((c) => c.caseId === caseId)?.refs).toContain(caseId);
  });

  it('threads by the case reference in the subject when the headers are lost', async () => {
    const address = customerAddress();
    const first = await send({
      from: address,
      subject: 'Retour produit',
      text: 'Je veux le rendre.',
    });
    const caseId = (await inboundRecord(address, first.messageId))!.caseId!;
    const later = await send({
      from: address,
      subject: `Fwd: retour [#${caseRef(caseId).toLowerCase()}]`,
      text: 'Voici le bon de retour.',
    });
    expect(await inboundRecord(address, later.messageId)).toMatchObject({
      status: 'delivered',
      caseId,
    });
    const open = await client.workflow
      .getHandle(customerWorkflowId((await inboundRecord(address, later.messageId))!.customerId!))
      .query(openCasesQuery);
    expect(open.find((c) => c.caseId === caseId)?.refs).toContain(caseRef(caseId));
  });

  it('records autoresponders and bounces, never opening a case nor answering them', async () => {
    const address = customerAddress();
    const first = await send({ from: address, subject: 'Question', text: 'Une question.' });
    const caseId = (await inboundRecord(address, first.messageId))!.caseId!;
    const [ack] = await mailsTo(address, /./);
    // The customer's vacation responder answers our acknowledgement.
    const vacation = await send({
      from: address,
      subject: `Absence : ${ack!.subject}`,
      inReplyTo: ack!.messageId,
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Autoreply': 'yes' },
      text: 'Je suis absente jusqu’au 15.',
    });
    // Another company's autoresponder, a list, and a bounce: none of them known customers.
    const robots = [
      { from: `noreply-${randomUUID().slice(0, 6)}@acme.test`, headers: { Precedence: 'bulk' } },
      {
        from: `vacation-${randomUUID().slice(0, 6)}@acme.test`,
        headers: { 'X-Autorespond': 'on' },
      },
      { from: `MAILER-DAEMON@mx-${randomUUID().slice(0, 6)}.test`, headers: {} },
    ];
    const robotMails = [];
    for (const r of robots)
      robotMails.push(
        await send({ from: r.from, subject: 'Auto', text: 'Automatic.', headers: r.headers }),
      );
    expect(await inboundRecord(address, vacation.messageId)).toMatchObject({
      status: 'automatic',
      automaticReason: 'auto-submitted',
      caseId,
    });
    for (const [i, r] of robots.entries())
      expect(await inboundRecord(r.from.toLowerCase(), robotMails[i]!.messageId)).toMatchObject({
        status: 'automatic',
        caseId: null,
      });

    // A control mail sent after them is acknowledged: anything they had caused is out by then.
    const control = customerAddress();
    await send({ from: control, subject: 'Contrôle', text: 'Un vrai client.' });
    await mailsTo(control, /./);
    expect(inbox.to(address)).toHaveLength(1);
    for (const r of robots) {
      expect(inbox.to(r.from)).toHaveLength(0);
      expect(await stores.customers.find({ email: r.from })).toBeNull();
    }
    const timeline = await stores.timeline.forCase(caseId);
    expect(timeline.filter((e) => e.type === 'message-received')).toHaveLength(0);
  });

  it('refuses an oversized or unwanted attachment and still takes the mail', async () => {
    const address = customerAddress();
    const sent = await send({
      from: address,
      subject: 'Photos du colis abîmé',
      text: 'Voir les pièces jointes.',
      attachments: [
        {
          filename: 'colis.png',
          contentType: 'image/png',
          content: Buffer.alloc(attachmentLimit + 1, 7),
        },
        {
          filename: 'facture.pdf',
          contentType: 'application/pdf',
          content: Buffer.from('%PDF-1.4 facture'),
        },
        {
          filename: 'outil.exe',
          contentType: 'application/x-msdownload',
          content: Buffer.from('MZ'),
        },
      ],
    });
    const record = await inboundRecord(address, sent.messageId);
    expect(record?.status).toBe('delivered');
    expect(record!.attachments.map((a) => [a.filename, a.refused])).toEqual([
      ['colis.png', 'too-large'],
      ['facture.pdf', null],
      ['outil.exe', 'type-not-allowed'],
    ]);
    expect(record!.attachments.filter((a) => a.fileId)).toHaveLength(1);
    const stored = await mailStores(mongo.db).attachments.get(record!.attachments[1]!.fileId!);
    expect(stored?.content.toString()).toBe('%PDF-1.4 facture');
    await mailsTo(address, /./);
  });

  it('answers 451 while it cannot take a mail, so that the sender keeps it and retries', async () => {
    // A database that never answers: nothing can be recorded.
    const dead = new MongoClient(`mongodb://127.0.0.1:${await freePort()}/none`, {
      serverSelectionTimeoutMS: 500,
    });
    const receiver = await startSmtpReceiver({
      host: '127.0.0.1',
      port: 0,
      maxBytes: 1_000_000,
      log: () => {},
      deps: () => ({
        db: dead.db(),
        client,
        taskQueue: 'unused',
        phoneCountry: 'FR',
        maxInFlight: 4,
        attachments: { maxBytes: 1000, types: [] },
      }),
    });
    const address = customerAddress();
    const message = {
      from: address,
      subject: 'Réessayez',
      text: 'Ce courrier doit arriver.',
      messageId: `<${randomUUID()}@client.test>`,
    };
    try {
      await expect(send(message, receiver.port)).rejects.toMatchObject({ responseCode: 451 });
    } finally {
      await receiver.close();
      await dead.close();
    }
    // The sender's retry, once Relais can take it, opens the case.
    await send(message);
    expect((await inboundRecord(address, message.messageId))?.status).toBe('delivered');
  });
});
