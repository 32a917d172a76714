import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevStack, type DevStack } from '../support/devStack';
import { eventually } from '../support/relaisWorker';

/** A designer that takes in two contacts at once, so that a burst of real requests overloads it. */
const maxInFlight = 2;
let stack: DevStack;

beforeAll(async () => {
  stack = await startDevStack({
    designer: true,
    designerEnv: { RELAIS_INBOUND_MAX_IN_FLIGHT: String(maxInFlight) },
  });
}, 120_000);

afterAll(() => stack?.stop());

async function post(email: string) {
  const res = await fetch(`${stack.designer!.url}/api/inbound/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...stack.designer!.auth },
    body: JSON.stringify({ messageId: randomUUID(), customer: { email }, text: 'Bonjour' }),
  });
  return {
    email,
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as Record<string, unknown>,
  };
}

const written = async (email: string) => {
  const db = stack.relais.mongo.db;
  return (
    (await db.collection('customers').countDocuments({ email })) +
    (await db.collection<{ _id: string }>('customerKeys').countDocuments({ _id: `email:${email}` }))
  );
};

const burst = (n: number) =>
  Array.from({ length: n }, (_, i) => `burst${i}.${randomUUID().slice(0, 8)}@exemple.fr`);

describe('inbound API under overload', () => {
  it('turns away what is past the in-flight limit with 429 and Retry-After, writing nothing for it', async () => {
    const answers = await Promise.all(burst(24).map(post));
    const accepted = answers.filter((a) => a.status === 202);
    const refused = answers.filter((a) => a.status === 429);
    expect(accepted.length + refused.length).toBe(answers.length);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const r of refused)
      expect(r).toMatchObject({
        retryAfter: '1',
        body: { code: 'overloaded', message: expect.stringContaining('nothing was written') },
      });
    // Every accepted contact has its case and, in the end, its task.
    for (const a of accepted) {
      const caseId = a.body.caseId as string;
      expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
      await eventually(
        async () => (await stack.relais.stores.tasks.get(caseId))?.status === 'queued',
        `the task of case ${caseId}`,
        120_000,
      );
    }
    // Late writes had time to land while the accepted tasks were written: the refused left none.
    for (const r of refused) expect(await written(r.email)).toBe(0);
  }, 240_000);

  it('takes in every contact of a burst whose callers honour Retry-After, each once', async () => {
    const emails = burst(12);
    const answers = await Promise.all(
      emails.map(async (email) => {
        let turnedAway = 0;
        for (;;) {
          const a = await post(email);
          if (a.status !== 429) return { ...a, turnedAway };
          turnedAway += 1;
          await new Promise((r) => setTimeout(r, Number(a.retryAfter) * 1000));
        }
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(emails.map(() => 202));
    expect(answers.some((a) => a.turnedAway > 0)).toBe(true);
    for (const email of emails) expect(await written(email)).toBe(2);
  }, 240_000);
});
