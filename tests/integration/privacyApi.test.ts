import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerExportSchema } from '../../worker/privacy/exportDocument';
import type { ApiScope } from '../../worker/store/apiTokens';
import { ErasureCertificateSchema } from '../../workflows/privacy/erasureContract';
import { startDevStack, type DevStack } from '../support/devStack';
import { eventually } from '../support/relaisWorker';

/**
 * A customer's export and erasure through the API with a token (issue 13 §2 and §4), on the real
 * designer, worker, Temporal dev server and FerretDB: each needs its own scope, answers
 * {code, message} when refused, and is logged with the token as the actor.
 */

let stack: DevStack;
let url: string;

beforeAll(async () => {
  stack = await startDevStack({ designer: true });
  url = stack.designer!.url;
}, 120_000);
afterAll(() => stack?.stop());

async function token(...scopes: ApiScope[]) {
  const name = `Connecteur RGPD ${randomUUID().slice(0, 6)}`;
  const { token, info } = await stack.relais.stores.apiTokens.create({
    name,
    scopes,
    createdBy: 'test',
  });
  return { headers: { authorization: `Bearer ${token}` }, actor: `token:${info.id}`, name };
}

/** A customer with one acknowledged case. */
async function contact() {
  const tag = randomUUID().slice(0, 8);
  const email = `api.${tag}@exemple.fr`;
  const res = await fetch(`${url}/api/inbound/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...stack.designer!.auth },
    body: JSON.stringify({
      messageId: randomUUID(),
      customer: { email, name: `Paul Api${tag}` },
      subject: `Demande ${tag}`,
      text: `Effacez-moi ${tag}`,
    }),
  });
  expect(res.status).toBe(202);
  const { customerId, caseId } = (await res.json()) as { customerId: string; caseId: string };
  await eventually(
    async () => (await stack.relais.stores.outbox.forCase(caseId)).length > 0,
    'the acknowledgement',
  );
  return { customerId, email };
}

const refusal = async (res: Response) => ({ status: res.status, body: await res.json() });

describe('customer export through the API', () => {
  it('answers a token with customers:export, and logs the token as the actor', async () => {
    const { customerId, email } = await contact();
    const exporter = await token('customers:export');
    const res = await fetch(`${url}/api/customers/${customerId}/export`, {
      headers: exporter.headers,
    });
    expect(res.status).toBe(200);
    const doc = CustomerExportSchema.parse(await res.json());
    expect(doc.customerId).toBe(customerId);
    expect(doc.mongo.customers?.[0]).toMatchObject({ email });
    const [logged] = await stack.relais.stores.accessAudit.find({ customerId });
    expect(logged).toMatchObject({
      action: 'export',
      actor: exporter.actor,
      actorName: exporter.name,
    });
  }, 180_000);

  it('refuses a token without the scope, an unknown token and no one', async () => {
    const { customerId } = await contact();
    const at = `${url}/api/customers/${customerId}/export`;
    const reader = await token('cases:read', 'customers:erase');
    expect(await refusal(await fetch(at, { headers: reader.headers }))).toEqual({
      status: 403,
      body: { code: 'insufficient_scope', message: expect.stringContaining('customers:export') },
    });
    expect(
      await refusal(await fetch(at, { headers: { authorization: 'Bearer relais_nope' } })),
    ).toEqual({ status: 401, body: { code: 'invalid_token', message: expect.any(String) } });
    expect(await refusal(await fetch(at))).toEqual({
      status: 401,
      body: { code: 'unauthenticated', message: expect.any(String) },
    });
    expect(await stack.relais.stores.accessAudit.find({ customerId })).toEqual([]);
  }, 180_000);
});

describe('customer erasure through the API', () => {
  it('starts at once (202), is idempotent, gives the certificate, and logs the token', async () => {
    const { customerId } = await contact();
    const eraser = await token('customers:erase');
    const erasure = `${url}/api/customers/${customerId}/erasure`;
    const post = () => fetch(erasure, { method: 'POST', headers: eraser.headers });

    const [first, second] = await Promise.all([post(), post()]);
    for (const res of [first, second]) {
      expect(res.status).toBe(202);
      expect(res.headers.get('location')).toBe(erasure);
      expect(await res.json()).toEqual({
        erasureId: `erasure-${customerId}`,
        status: 'running',
        certificate: erasure,
      });
    }
    const certificate = await eventually(async () => {
      const res = await fetch(erasure, { headers: eraser.headers });
      if (res.status === 202) return null;
      expect(res.status).toBe(200);
      return ErasureCertificateSchema.parse(await res.json());
    }, 'the certificate');
    expect(certificate).toMatchObject({ subject: customerId, requestedBy: eraser.actor });
    expect(await stack.relais.stores.customers.get(customerId)).toBeNull();

    const again = await post();
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'done', certificate: erasure });
    const logged = await stack.relais.stores.accessAudit.find({ customerId });
    expect(logged.filter((e) => e.action === 'erasure')).toEqual([
      expect.objectContaining({ actor: eraser.actor, actorName: eraser.name }),
      expect.objectContaining({ actor: eraser.actor, actorName: eraser.name }),
    ]);
  }, 180_000);

  it('refuses a token without customers:erase and no one, and knows no unknown customer', async () => {
    const { customerId } = await contact();
    const erasure = `${url}/api/customers/${customerId}/erasure`;
    const exporter = await token('customers:export');
    expect(
      await refusal(await fetch(erasure, { method: 'POST', headers: exporter.headers })),
    ).toEqual({
      status: 403,
      body: { code: 'insufficient_scope', message: expect.stringContaining('customers:erase') },
    });
    expect(await refusal(await fetch(erasure, { method: 'POST' }))).toEqual({
      status: 401,
      body: { code: 'unauthenticated', message: expect.any(String) },
    });
    expect(await stack.relais.stores.customers.get(customerId)).not.toBeNull();

    const eraser = await token('customers:erase');
    const nobody = await fetch(`${url}/api/customers/${randomUUID()}/erasure`, {
      method: 'POST',
      headers: eraser.headers,
    });
    expect(await refusal(nobody)).toEqual({
      status: 404,
      body: { code: 'not_found', message: expect.any(String) },
    });
  }, 180_000);
});
