import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../worker/activities/createActivities';
import { BridgeMessageSchema, type Bridges } from '../../worker/channels/bridgeContract';
import { handleReceipt } from '../../worker/channels/deliveryReceipts';
import { handleInbound } from '../../worker/inbound/handleInbound';
import { signedHeaders, verifySignature } from '../../worker/inbound/signature';
import { ApiTokenStore } from '../../worker/store/apiTokens';
import type { Mongo } from '../../worker/store/mongo';
import type { Stores } from '../../worker/store/stores';
import { buildActivityDeps, buildChannelAdapters } from '../../worker/wiring';
import { testDataConverter } from '../support/privacy';
import { eventually, freshDatabase } from '../support/relaisWorker';

/**
 * The outbound bridge on real servers: a case's messages on SMS go through the real worker to a
 * real HTTP bridge started here, and its delivery receipts come back through handleReceipt.
 */
interface BridgeCall {
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

const smsSecret = 'sms-bridge-secret-0123456789';
const whatsappSecret = 'whatsapp-bridge-secret-0123456789';
let bridge: Server;
const calls: BridgeCall[] = [];
/** Answers the bridge gives, in order, before it answers 200 to everything. */
const failures: number[] = [];
let bridges: Bridges;
let mongo: Mongo;
let stores: Stores;
let client: Client;
let taskQueue: string;
let stopWorker: () => void = () => {};
let running: Promise<void>;
const connections: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  bridge = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const answered = failures.shift() ?? 200;
      calls.push({ headers: req.headers, body, answered });
      res.writeHead(answered, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => bridge.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(bridge.address() as AddressInfo).port}/relais`;
  bridges = {
    sms: { url, secret: smsSecret },
    whatsapp: { url: `${url}/whatsapp`, secret: whatsappSecret },
  };
  const db = await freshDatabase();
  mongo = db.mongo;
  stores = db.stores;
  taskQueue = `bridge-${randomUUID()}`;
  const address = inject('temporalAddress');
  const workerConnection = await NativeConnection.connect({ address });
  const clientConnection = await Connection.connect({ address });
  connections.push(workerConnection, clientConnection);
  const worker = await Worker.create({
    connection: workerConnection,
    taskQueue,
    dataConverter: await testDataConverter(),
    workflowBundle: { codePath: inject('workflowBundlePath') },
    activities: createActivities(
      await buildActivityDeps(mongo.db, buildChannelAdapters({ bridges })),
    ),
  });
  running = worker.runUntil(new Promise<void>((resolve) => (stopWorker = resolve)));
  client = new Client({ connection: clientConnection, dataConverter: await testDataConverter() });
});

afterAll(async () => {
  stopWorker();
  await running;
  for (const c of connections) await c.close();
  await mongo?.close();
  await new Promise((resolve) => bridge?.close(resolve));
});

/** A customer's SMS, as the SMS bridge's inbound side would post it. */
async function smsFromCustomer(): Promise<{ caseId: string; phone: string }> {
  const phone = `+3361${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const outcome = await handleInbound(
    {
      stores: { customers: stores.customers },
      client,
      taskQueue,
      auth: { open: true, tokens: new ApiTokenStore(mongo.db) },
      phoneCountry: 'FR',
    },
    'sms',
    JSON.stringify({ messageId: randomUUID(), customer: { phone }, text: 'Mon colis ?' }),
    { authorization: null, signature: null, timestamp: null },
  );
  if (outcome.status !== 202) throw new Error(`inbound answered ${outcome.status}`);
  return { caseId: outcome.body.caseId, phone };
}

const callsFor = (caseId: string) =>
  calls.filter((c) => BridgeMessageSchema.parse(JSON.parse(c.body)).caseId === caseId);

/** The case's acknowledgement, once the bridge took it and the outbox says so. */
async function acknowledged(caseId: string) {
  const ack = await eventually(async () => {
    const sent = await stores.outbox.forCase(caseId);
    return sent.find((m) => m.kind === 'acknowledgement' && m.status === 'sent');
  }, 'the acknowledgement marked sent');
  return ack;
}

const receipt = (body: object, secret = smsSecret, now = Date.now()) => {
  const raw = JSON.stringify(body);
  const headers = signedHeaders(secret, raw, now);
  return {
    raw,
    headers: {
      signature: headers['x-relais-signature']!,
      timestamp: headers['x-relais-timestamp']!,
    },
  };
};

describe('outbound webhook bridge', () => {
  it('POSTs each message signed, and after a 500 retries it with the same idempotency key', async () => {
    failures.push(500);
    const { caseId, phone } = await smsFromCustomer();
    const ack = await acknowledged(caseId);
    const posted = callsFor(caseId);
    expect(posted.map((c) => c.answered)).toEqual([500, 200]);
    for (const call of posted) {
      expect(call.headers['idempotency-key']).toBe(ack._id);
      expect(call.headers['content-type']).toBe('application/json');
      const signature = {
        signature: String(call.headers['x-relais-signature']),
        timestamp: String(call.headers['x-relais-timestamp']),
      };
      expect(verifySignature(smsSecret, call.body, signature)).toBe('valid');
      expect(verifySignature(whatsappSecret, call.body, signature)).toBe('mismatch');
      expect(JSON.parse(call.body)).toEqual({
        id: ack._id,
        caseId,
        customerId: ack.customerId,
        channel: 'sms',
        kind: 'acknowledgement',
        to: phone,
        lang: 'fr',
        text: ack.text,
      });
    }
    // The failed attempt said so: the resend is not taken for a possible duplicate.
    expect(ack).toMatchObject({ attempts: 2, failedAttempts: 1 });
    expect(ack.possibleDuplicate).toBeUndefined();
  });

  it('settles the message from a signed receipt: delivered, or failed with the reason', async () => {
    const first = await acknowledged((await smsFromCustomer()).caseId);
    const delivered = receipt({ id: first._id, status: 'delivered' });
    const deps = { bridges, outbox: stores.outbox };
    expect(await handleReceipt(deps, delivered.raw, delivered.headers)).toEqual({
      status: 200,
      body: { id: first._id, status: 'delivered' },
    });
    expect(await stores.outbox.get(first._id)).toMatchObject({ status: 'delivered' });
    // A repeat within the replay window, or a late contradicting receipt, changes nothing.
    const late = receipt({ id: first._id, status: 'failed', reason: 'late' });
    expect(await handleReceipt(deps, late.raw, late.headers)).toMatchObject({
      status: 200,
      body: { status: 'delivered' },
    });

    const second = await acknowledged((await smsFromCustomer()).caseId);
    const failed = receipt({ id: second._id, status: 'failed', reason: 'number unreachable' });
    expect(await handleReceipt(deps, failed.raw, failed.headers)).toMatchObject({ status: 200 });
    const doc = await stores.outbox.get(second._id);
    expect(doc).toMatchObject({ status: 'failed', deliveryReason: 'number unreachable' });
    expect(doc?.receiptAt).toBeInstanceOf(Date);
  });

  it('refuses a tampered, expired or other-channel receipt, and changes nothing', async () => {
    const ack = await acknowledged((await smsFromCustomer()).caseId);
    const deps = { bridges, outbox: stores.outbox };
    const signed = receipt({ id: ack._id, status: 'delivered' });
    const tampered = signed.raw.replace('delivered', 'failed');
    const expired = receipt(
      { id: ack._id, status: 'delivered' },
      smsSecret,
      Date.now() - 3_600_000,
    );
    const otherBridge = receipt({ id: ack._id, status: 'failed' }, whatsappSecret);
    const unsigned = { signature: null, timestamp: null };
    for (const [raw, headers] of [
      [tampered, signed.headers],
      [expired.raw, expired.headers],
      [otherBridge.raw, otherBridge.headers],
      [signed.raw, unsigned],
    ] as const)
      expect((await handleReceipt(deps, raw, headers)).status).toBe(401);
    expect(await stores.outbox.get(ack._id)).toMatchObject({ status: 'sent' });
    expect((await stores.outbox.get(ack._id))?.receiptAt).toBeUndefined();
  });

  it('answers 404 to a signed receipt about no message, and 400 to a malformed one', async () => {
    const deps = { bridges, outbox: stores.outbox };
    const unknown = receipt({ id: 'no-such-message', status: 'delivered' });
    expect((await handleReceipt(deps, unknown.raw, unknown.headers)).status).toBe(404);
    const malformed = receipt({ id: 'x', status: 'read' });
    expect((await handleReceipt(deps, malformed.raw, malformed.headers)).status).toBe(400);
  });
});
