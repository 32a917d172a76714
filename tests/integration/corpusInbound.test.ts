import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  sign,
  signatureHeader,
  signedHeaders,
  timestampHeader,
} from '../../worker/inbound/signature';
import { caseStateQuery } from '../../workflows/contracts/case';
import { caseWorkflowId } from '../../workflows/contracts/customer';
import { loadCorpus } from '../support/corpus';
import type { DesignerServer } from '../support/designerServer';
import { startDevStack, type DevStack } from '../support/devStack';
import { eventually, type RelaisTestWorker } from '../support/relaisWorker';
import type { Client } from '@temporalio/client';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { repoRoot } from '../../launcher/paths';

const secret = 'corpus-test-secret-0123456789';
const execFileAsync = promisify(execFile);
let stack: DevStack;
let relais: RelaisTestWorker;
let designer: DesignerServer;
let client: Client;

beforeAll(async () => {
  stack = await startDevStack({ designer: true, designerEnv: { RELAIS_INBOUND_SECRET: secret } });
  ({ relais, client } = stack);
  designer = stack.designer!;
});

afterAll(() => stack?.stop());

function post(
  channel: string,
  body: string,
  signing: Record<string, string> = signedHeaders(secret, body),
) {
  return fetch(`${designer.url}/api/inbound/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signing },
    body,
  });
}

describe('signed inbound webhooks', () => {
  it('refuses an unsigned or wrongly signed call and writes nothing', async () => {
    const body = JSON.stringify({
      messageId: 'unsigned-1',
      customer: { email: 'x@exemple.fr', name: 'X' },
      text: 'Bonjour',
    });
    const now = Math.floor(Date.now() / 1000);
    const signedWith = (key: string, at: number) => ({
      [timestampHeader]: String(at),
      [signatureHeader]: sign(key, body, at),
    });
    expect((await post('email', body, {})).status).toBe(401);
    expect((await post('email', body, signedWith('another-secret-0123456789', now))).status).toBe(
      401,
    );
    // A call captured six minutes ago cannot be replayed.
    expect((await post('email', body, signedWith(secret, now - 360))).status).toBe(401);
    expect(await relais.mongo.db.collection('customers').countDocuments()).toBe(0);
  });
});

describe('the sample corpus, every channel, through HTTP and Temporal', () => {
  it('answers 202 for every valid contact, 200 without a case for an opt-out, 400 for the bad ones, and threads each thread', async () => {
    const corpus = loadCorpus();
    const results = new Map<
      string,
      { status: number; caseId?: string | null; customerId?: string }
    >();
    // In order, as the messages would arrive: a thread's later messages find its case.
    for (const line of corpus) {
      const res = await post(line.channel, JSON.stringify(line));
      const body = (await res.json()) as { caseId?: string | null; customerId?: string };
      results.set(line.messageId, { status: res.status, ...body });
    }
    const invalid = corpus.filter((l) => l.label.category === 'invalid');
    expect(invalid.length).toBeGreaterThan(0);
    for (const line of corpus) {
      const r = results.get(line.messageId)!;
      const expected = { invalid: 400, 'opt-out': 200 }[line.label.category] ?? 202;
      expect(r.status, line.messageId).toBe(expected);
      if (r.status === 202) expect(r.caseId, line.messageId).toBeTruthy();
      if (line.label.category === 'opt-out') expect(r.caseId, line.messageId).toBeNull();
    }

    // The damaged-parcel story: email, then phone, then chat, then email again (with the
    // email address in another case): one customer, one case, every channel switch recorded.
    const thread = corpus.filter((l) => l.thread === 'claire-colis');
    expect(thread.length).toBeGreaterThanOrEqual(3);
    const ids = thread.map((l) => results.get(l.messageId)!);
    expect(new Set(ids.map((r) => r.caseId)).size).toBe(1);
    expect(new Set(ids.map((r) => r.customerId)).size).toBe(1);
    const caseId = ids[0]!.caseId!;
    const state = await eventually(async () => {
      const s = await client.workflow.getHandle(caseWorkflowId(caseId)).query(caseStateQuery);
      return s.messages.length === thread.length && s;
    }, 'the whole thread in one case');
    expect(state.channels).toEqual([...new Set(thread.map((l) => l.channel))]);
    const switches = (await relais.stores.timeline.forCase(caseId)).filter(
      (e) => e.type === 'channel-switch',
    );
    expect(switches.map((e) => `${e.data.from}→${e.data.to}`)).toEqual(
      thread
        .slice(1)
        .flatMap((l, i) =>
          l.channel !== thread[i]!.channel ? [`${thread[i]!.channel}→${l.channel}`] : [],
        ),
    );
  }, 180_000);
});

describe('traffic simulator', () => {
  it('replays the corpus as new customers, signed, and reports what it got', async () => {
    // Asynchronous: the worker under test runs in this very process.
    const run = await execFileAsync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(repoRoot, 'worker', 'cli', 'simulate-cli.ts'),
        '--url',
        designer.url,
        '--count',
        '12',
        '--rate',
        '50',
      ],
      { cwd: repoRoot, env: { ...process.env, RELAIS_INBOUND_SECRET: secret } },
    );
    expect(run.stdout).toMatch(/\[simulate\] 12 messages in [\d.]+ s; 12× 202; latency p50 \d+ ms/);
    const simulated = await relais.mongo.db
      .collection('customers')
      .countDocuments({ email: /\+sim1@/ });
    expect(simulated).toBeGreaterThan(0);
  }, 120_000);
});
