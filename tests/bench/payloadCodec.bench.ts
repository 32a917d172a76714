/**
 * What the payload codec costs: a case's start input (customer profile and first message, the
 * typical payload) converted to a payload and back, with and without encryption, in the same run.
 * Data keys sit in a FerretDB of the bench's own; keys are warm (cached) in the timed loops, and
 * the first payload of a new customer (a key created in MongoDB) is timed apart.
 *
 * Run with `npm run bench:codec`.
 */
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../launcher/ports';
import { provisionOrExit } from '../../launcher/provision';
import { mongoUriFor, startEmbeddedStore } from '../../launcher/services';
import { loadConfig } from '../../worker/config';
import { masterKeyFrom } from '../../worker/privacy/masterKeys';
import { payloadEncryption } from '../../worker/privacy/payloadEncryption';
import { connectMongo } from '../../worker/store/mongo';
import type { CaseInput } from '../../workflows/contracts/case';
import { customerProfile, inboundMessage } from '../support/messages';

const iterations = 20_000;
const rounds = 5;
const newCustomers = 200;

const caseInput = (customerId: string): CaseInput => ({
  caseId: randomUUID(),
  customerWorkflowId: `customer-${customerId}`,
  customer: customerProfile({ customerId, phone: '+33612345678' }),
  firstMessage: inboundMessage(),
  linkedCaseId: null,
});

/** Microseconds per payload, the best of `rounds` (the least disturbed by the machine). */
async function timeIt(fn: () => Promise<void>): Promise<number> {
  let best = Infinity;
  for (let r = 0; r < rounds; r += 1) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i += 1) await fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1000 / iterations);
  }
  return best;
}

await provisionOrExit();
const dir = mkdtempSync(join(tmpdir(), 'relais-bench-codec-'));
const port = await freePort();
const ferret = await startEmbeddedStore({
  engine: loadConfig().RELAIS_STORE_ENGINE,
  port,
  dataDir: dir,
  output: join(dir, 'ferretdb.log'),
});
try {
  const mongo = await connectMongo(mongoUriFor(port, 'bench'));
  const { codec } = payloadEncryption(() => mongo.db, {
    current: masterKeyFrom(randomBytes(32).toString('base64')),
    previous: [],
  });
  const customerId = randomUUID();
  const input = caseInput(customerId);
  const context = { type: 'workflow' as const, namespace: 'default', workflowId: 'case-bench' };
  const plain = defaultPayloadConverter.toPayload(input);
  const [sealed] = await codec.encode([plain], context);

  const baseline = await timeIt(async () => {
    defaultPayloadConverter.fromPayload(defaultPayloadConverter.toPayload(input));
  });
  const encoded = await timeIt(async () => {
    const [p] = await codec.encode([defaultPayloadConverter.toPayload(input)], context);
    defaultPayloadConverter.fromPayload((await codec.decode([p!]))[0]!);
  });

  const firstStart = process.hrtime.bigint();
  for (let i = 0; i < newCustomers; i += 1) {
    const id = randomUUID();
    await codec.encode([defaultPayloadConverter.toPayload(caseInput(id))], {
      ...context,
      workflowId: `customer-${id}`,
    });
  }
  const firstMs = Number(process.hrtime.bigint() - firstStart) / 1e6 / newCustomers;
  await mongo.close();

  const size = (p: Payload) => p.data!.length + Object.values(p.metadata!).join('').length;
  const row = (what: string, us: string, ratio: string) => `| ${what} | ${us} | ${ratio} |`;
  console.log(
    [
      `| per payload (a case input, ${plain.data!.length} bytes of JSON) | µs | × no codec |`,
      '| --- | --- | --- |',
      row('JSON to payload and back, no codec (baseline)', baseline.toFixed(1), '1.00'),
      row(
        '… and encode + decode (key cached)',
        encoded.toFixed(1),
        (encoded / baseline).toFixed(2),
      ),
      row('the codec alone (difference)', (encoded - baseline).toFixed(1), '—'),
      '',
      `First payload of a new customer (data key created in MongoDB): ${firstMs.toFixed(2)} ms.`,
      `Stored: ${size(sealed!)} bytes encrypted, ${size(plain)} in clear.`,
    ].join('\n'),
  );
} finally {
  await ferret.stop();
}
