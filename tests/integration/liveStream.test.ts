import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { RoutingEvent } from '../../workflows/contracts/routing';
import type { Mongo } from '../../worker/store/mongo';
import type { Stores } from '../../worker/store/stores';
import { startDesigner, type DesignerServer } from '../support/designerServer';
import { eventually, freshDatabase } from '../support/relaisWorker';

/**
 * GET /api/live on the built designer, against a real FerretDB: events are appended to
 * `routingEvents` as the router's activity does, and read back over Server-Sent Events.
 */

let db: { mongo: Mongo; stores: Stores; uri: string };
let designer: DesignerServer;

beforeAll(async () => {
  db = await freshDatabase();
  for (const id of ['ana', 'bob'])
    await db.stores.users.create(
      { _id: id, name: id, role: 'agent', lang: 'fr' },
      `pw-${id}-relais`,
    );
  designer = await startDesigner({ mongoUri: db.uri, taskQueue: `live-${randomUUID()}` });
});

afterAll(async () => {
  await designer?.process.stop();
  await db?.mongo.close();
});

async function session(username: string, password: string): Promise<string> {
  const res = await fetch(`${designer.url}/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      origin: designer.url,
    },
    body: new URLSearchParams({ username, password }),
    redirect: 'manual',
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('relais_session='))
    ?.split(';')[0];
  if (!cookie) throw new Error(`cannot sign in as ${username}: ${res.status}`);
  return cookie;
}

interface Stream {
  events: RoutingEvent[];
  /** Comment lines (`: connected`, `: heartbeat`). */
  comments: string[];
  close(): void;
}

/** Opens the stream as a browser's EventSource does, and parses what comes in. */
async function openStream(cookie: string, lastEventId?: number): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(`${designer.url}/api/live`, {
    headers: {
      cookie,
      accept: 'text/event-stream',
      ...(lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) }),
    },
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const stream: Stream = { events: [], comments: [], close: () => abort.abort() };
  onTestFinished(() => stream.close());
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffered = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffered += value;
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const message = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          for (const line of message.split('\n')) {
            if (line.startsWith(': ')) stream.comments.push(line.slice(2));
            if (line.startsWith('data: '))
              stream.events.push(JSON.parse(line.slice(6)) as RoutingEvent);
          }
        }
      }
    } catch {
      // Aborted by the test.
    }
  })();
  // The subscription is in place once the server says so: events from now on reach it.
  await eventually(async () => stream.comments.includes('connected'), 'the stream to open');
  return stream;
}

const at = () => new Date().toISOString();
const presence = (seq: number, agentId: string): RoutingEvent => ({
  seq,
  at: at(),
  kind: 'presence',
  agentId,
  presence: 'available',
  reason: null,
});
const waiting = (seq: number): RoutingEvent => ({
  seq,
  at: at(),
  kind: 'item-waiting',
  caseId: `case-${seq}`,
  queue: 'billing',
  reason: { code: 'no-agent-available' },
});
const assigned = (seq: number, agentId: string): RoutingEvent => ({
  seq,
  at: at(),
  kind: 'assigned',
  caseId: `case-${seq}`,
  queue: 'billing',
  agentId,
  how: 'accepted',
});

/** The next seqs after what is stored, as the router would number them. */
async function nextSeqs(count: number): Promise<number[]> {
  const last = await db.stores.routingEvents.lastSeq();
  return Array.from({ length: count }, (_, i) => last + 1 + i);
}

const publish = (events: RoutingEvent[]) => db.stores.routingEvents.publish(events);
const seqs = (events: RoutingEvent[]) => events.map((e) => e.seq);

/** Waits a little past the tail's poll so that "nothing more came" is a real observation. */
async function settle(stream: Stream, count: number): Promise<void> {
  await eventually(async () => stream.events.length >= count, `${count} events`, 30_000);
  const seen = stream.events.length;
  await new Promise((r) => setTimeout(r, 1500));
  expect(stream.events.length).toBe(seen);
}

describe('the live stream', () => {
  it('answers 401 without a session, and with an ended one', async () => {
    const anonymous = await fetch(`${designer.url}/api/live`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { code: string }).code).toBe('unauthenticated');
    const ended = await fetch(`${designer.url}/api/live`, {
      headers: { cookie: 'relais_session=made-up' },
    });
    expect(ended.status).toBe(401);
  });

  it('sends the events appended to routingEvents, in order, once each', async () => {
    const stream = await openStream(await session('supervisor', 'relais-supervisor'));
    const [a, b, c, d] = await nextSeqs(4);
    await publish([waiting(a!), presence(b!, 'ana')]);
    await publish([assigned(c!, 'bob'), waiting(d!)]);
    await settle(stream, 4);
    expect(seqs(stream.events)).toEqual([a, b, c, d]);
    expect(stream.events[2]).toMatchObject({ kind: 'assigned', agentId: 'bob' });
  });

  it('sends a heartbeat comment every 15 s, so a quiet stream is not taken for a dead one', async () => {
    const stream = await openStream(await session('supervisor', 'relais-supervisor'));
    const opened = Date.now();
    await eventually(async () => stream.comments.includes('heartbeat'), 'a heartbeat', 40_000);
    expect(Date.now() - opened).toBeGreaterThan(10_000);
  });

  it('resumes after Last-Event-ID with exactly the events missed', async () => {
    const cookie = await session('supervisor', 'relais-supervisor');
    const first = await openStream(cookie);
    const [a, b, c, d, e] = await nextSeqs(5);
    await publish([waiting(a!), waiting(b!)]);
    await settle(first, 2);
    first.close();
    // Missed while the browser was away; then it reconnects with the last id it saw.
    await publish([waiting(c!), waiting(d!)]);
    const again = await openStream(cookie, b);
    await publish([waiting(e!)]);
    await settle(again, 3);
    expect(seqs(again.events)).toEqual([c, d, e]);
  });

  it('resumes from the store when the missed events are older than the tail has seen', async () => {
    const cookie = await session('supervisor', 'relais-supervisor');
    const [a, b, c] = await nextSeqs(3);
    // Stored before any stream of this test opened: no tail of the process has read them yet.
    await publish([waiting(a!), waiting(b!), waiting(c!)]);
    const stream = await openStream(cookie, a! - 1);
    await settle(stream, 3);
    expect(seqs(stream.events)).toEqual([a, b, c]);
  });

  it('ends its streams on SIGTERM, so the designer exits at once rather than after 30 s', async () => {
    // adapter-node's own grace for open requests, as in production.
    const own = await startDesigner({
      mongoUri: db.uri,
      taskQueue: `live-${randomUUID()}`,
      env: { SHUTDOWN_TIMEOUT: '30' },
    });
    onTestFinished(() => own.process.stop());
    const cookie = await session('supervisor', 'relais-supervisor');
    const res = await fetch(`${own.url}/api/live`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read();
    const asked = Date.now();
    own.process.child.kill('SIGTERM');
    // The stream ends cleanly (the browser would reconnect elsewhere)...
    for (;;) if ((await reader.read()).done) break;
    // ...and the process is gone well before adapter-node's 30 s would force the connection.
    await own.process.exited;
    expect(Date.now() - asked).toBeLessThan(10_000);
  });

  it('shows an agent only the events about them', async () => {
    const ana = await openStream(await session('ana', 'pw-ana-relais'));
    const sup = await openStream(await session('supervisor', 'relais-supervisor'));
    const [a, b, c, d] = await nextSeqs(4);
    await publish([presence(a!, 'bob'), waiting(b!), assigned(c!, 'ana'), presence(d!, 'ana')]);
    await settle(sup, 4);
    await settle(ana, 2);
    expect(seqs(ana.events)).toEqual([c, d]);
    expect(seqs(sup.events)).toEqual([a, b, c, d]);
  });
});
