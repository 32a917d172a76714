import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { dataDir } from '../../launcher/paths';
import { loadConfig } from '../config';
import { signedHeaders } from '../inbound/signature';
import { defaultCorpusPath } from './corpus';

/**
 * `npm run simulate`: posts the sample contacts to a running Relais as channel connectors would,
 * round after round, each round with its own customers so threads stay threads. Bounded by
 * --count and --seconds; prints progress and a summary with latencies.
 */
const defaultUrl = `http://localhost:${loadConfig().PORT}`;
const usage = `usage: npm run simulate -- [--url ${defaultUrl}] [--count 100] [--rate 5]
                            [--seconds 120] [--corpus FILE] [--token TOKEN]
The default URL is the designer's, on PORT as \`npm start\` reads it.
Sends the API token of --token or RELAIS_API_TOKEN; else signs each call with
RELAIS_INBOUND_SECRET when it is set; else sends the demo token of \`npm start\` (.data/demo-token).`;

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: defaultUrl },
    count: { type: 'string', default: '100' },
    rate: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '120' },
    corpus: { type: 'string', default: defaultCorpusPath },
    token: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const count = Number(values.count);
const rate = Number(values.rate);
const seconds = Number(values.seconds);
if (![count, rate, seconds].every((n) => Number.isFinite(n) && n > 0)) {
  console.error(`--count, --rate and --seconds must be positive numbers\n${usage}`);
  process.exit(2);
}

let lines: Record<string, unknown>[];
try {
  lines = readFileSync(values.corpus, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
} catch (err) {
  console.error(`cannot read the corpus ${values.corpus}: ${(err as Error).message}`);
  process.exit(2);
}

/** The same contact from a customer of its own for round `r`. */
function forRound(line: Record<string, unknown>, r: number): Record<string, unknown> {
  const c = { ...(line.customer as Record<string, unknown>) };
  if (typeof c.email === 'string' && c.email.includes('@'))
    c.email = c.email.replace('@', `+sim${r}@`);
  // The round in the last digits: an appended one would make the number too long to be valid.
  if (typeof c.phone === 'string')
    c.phone = `${c.phone.slice(0, -3)}${String(r % 1000).padStart(3, '0')}`;
  if (typeof c.handle === 'string') c.handle = `${c.handle}-sim${r}`;
  if (typeof c.address === 'string') c.address = `${c.address} (sim ${r})`;
  return {
    ...line,
    messageId: `${String(line.messageId)}-sim${r}`,
    thread: typeof line.thread === 'string' ? `${line.thread}-sim${r}` : undefined,
    customer: c,
  };
}

const demoTokenFile = join(dataDir, 'demo-token');
const secret = process.env.RELAIS_INBOUND_SECRET;
const token =
  values.token ??
  process.env.RELAIS_API_TOKEN ??
  (!secret && existsSync(demoTokenFile) ? readFileSync(demoTokenFile, 'utf8').trim() : undefined);
const credentials = (body: string): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : secret ? signedHeaders(secret, body) : {};
const statuses = new Map<number, number>();
const latencies: number[] = [];
let turnedAway = 0;

const deadline = Date.now() + seconds * 1000;
const started = Date.now();

/**
 * Posts one contact; a 429 (too many in flight) or a 503 (a server down) wrote nothing and says
 * when to retry, so the same contact is sent again after Retry-After, while the run lasts.
 */
async function deliver(channel: string, body: string): Promise<number> {
  for (;;) {
    const res = await fetch(`${values.url}/api/inbound/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...credentials(body) },
      body,
    });
    await res.arrayBuffer();
    const retryAfter = res.headers.get('retry-after');
    const wait = Number(retryAfter) * 1000;
    const retry = [429, 503].includes(res.status) && retryAfter !== null && wait >= 0;
    if (!retry || Date.now() + wait > deadline) return res.status;
    turnedAway += 1;
    await new Promise((r) => setTimeout(r, wait));
  }
}

let sent = 0;
for (let i = 0; i < count && Date.now() < deadline; i += 1) {
  const line = forRound(lines[i % lines.length]!, Math.floor(i / lines.length) + 1);
  const body = JSON.stringify(line);
  const t0 = performance.now();
  let status = 0;
  try {
    status = await deliver(String(line.channel), body);
  } catch (err) {
    console.error(`[simulate] ${values.url} unreachable: ${(err as Error).message}`);
    process.exit(1);
  }
  latencies.push(performance.now() - t0);
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  sent += 1;
  if (sent % 10 === 0) console.log(`[simulate] ${sent}/${count} sent`);
  const next = started + (sent * 1000) / rate;
  if (next > Date.now()) await new Promise((r) => setTimeout(r, next - Date.now()));
}

latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
console.log(
  `[simulate] ${sent} messages in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
    `${[...statuses].map(([s, n]) => `${n}× ${s}`).join(', ')}; ` +
    `latency p50 ${pct(0.5).toFixed(0)} ms, p95 ${pct(0.95).toFixed(0)} ms` +
    (turnedAway > 0 ? `; ${turnedAway} retries after Retry-After` : ''),
);
// A contact still turned away when the run ended was not delivered either.
process.exitCode = [...statuses.keys()].some((s) => s >= 500 || s === 429 || s === 0) ? 1 : 0;
