import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../../rules/defaults/defaultRuleSet';
import type { RuleSet } from '../../rules/model/ruleSet';
import { claimUpdate, resolveUpdate } from '../../workflows/contracts/case';
import { caseWorkflowId } from '../../workflows/contracts/customer';
import { startDevStack, type DevStack } from '../support/devStack';
import { eventually } from '../support/relaisWorker';

/**
 * Consent with proof (issue 13 §5) through the real inbound API, worker and designer: a ticked
 * SMS opt-in is recorded with its words, "STOP" by SMS withdraws it and no SMS survey goes out
 * after it; the unsubscribe link of a survey email withdraws email surveys, and a tampered one
 * is refused with nothing written.
 */

let stack: DevStack;
const optInWording =
  'J’accepte de recevoir des SMS (suivi et enquêtes). Répondez STOP pour arrêter.';

beforeAll(async () => {
  stack = await startDevStack({ designer: true });
  // No reopening window: a case without a survey then ends at once, which says the survey
  // phase is over and no late send can come.
  const ruleSet: RuleSet = structuredClone(defaultRuleSet);
  for (const rule of ruleSet.rules)
    for (const action of rule.actions) if (action.type === 'setReopenWindow') action.days = 0;
  await stack.relais.stores.ruleSets.publish(ruleSet, { author: 'test', comment: 'no reopen' });
}, 120_000);
afterAll(() => stack?.stop());

async function post(
  channel: string,
  body: Record<string, unknown>,
): Promise<{ customerId: string; caseId: string }> {
  const res = await fetch(`${stack.designer!.url}/api/inbound/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...stack.designer!.auth },
    body: JSON.stringify({ messageId: randomUUID(), ...body }),
  });
  expect(res.status).toBe(202);
  return (await res.json()) as { customerId: string; caseId: string };
}

/** Claims and resolves the case once it waits in a queue; its workflow handle. */
async function resolveCase(caseId: string) {
  await eventually(
    async () => (await stack.relais.stores.tasks.get(caseId))?.status === 'queued',
    'the case in its queue',
  );
  const handle = stack.client.workflow.getHandle(caseWorkflowId(caseId));
  await handle.executeUpdate(claimUpdate, { args: [{ agentId: 'ana' }] });
  await handle.executeUpdate(resolveUpdate, { args: [{ agentId: 'ana', reason: 'fixed' }] });
  return handle;
}

const surveysOf = async (caseId: string) =>
  (await stack.relais.stores.outbox.forCase(caseId)).filter(
    (m) => m.kind === 'survey' || m.kind === 'survey-reminder',
  );

const phone = () => `+3361${String(Date.now()).slice(-7)}`;

/** "STOP", "START" and the like: answered without a case. */
async function keyword(number: string, text: string) {
  const res = await fetch(`${stack.designer!.url}/api/inbound/sms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...stack.designer!.auth },
    body: JSON.stringify({ messageId: randomUUID(), customer: { phone: number }, text }),
  });
  expect(res.status).toBe(200);
  return res.json();
}

/** How many entries of a type the customer's timeline holds, once `caseId` has one with `text`. */
async function historyOnce(customerId: string, caseId: string, text: string) {
  await eventually(
    async () =>
      (await stack.relais.stores.timeline.forCase(caseId)).some((e) =>
        JSON.stringify(e.data).includes(text),
      ),
    `“${text}” on the case`,
  );
  const types = (await stack.relais.stores.timeline.forCustomer(customerId)).map((e) => e.type);
  return (type: string) => types.filter((t) => t === type).length;
}

describe('SMS consent', () => {
  it('an opted-in customer gets the SMS survey (the case the STOP test relies on)', async () => {
    const { customerId, caseId } = await post('sms', {
      customer: { phone: phone(), smsOptIn: true, smsOptInWording: optInWording },
      text: 'Ma commande n’est pas arrivée',
    });
    const [granted] = await stack.relais.stores.consents.forCustomer(customerId);
    expect(granted).toMatchObject({
      channel: 'sms',
      purpose: 'messages',
      granted: true,
      source: 'message',
      wording: optInWording,
    });
    await resolveCase(caseId);
    const [survey] = await eventually(
      async () => (await surveysOf(caseId)).length > 0 && surveysOf(caseId),
      'the survey',
    );
    expect(survey!.channel).toBe('sms');
  }, 180_000);

  it('"STOP" by SMS withdraws it, with the message as proof, and no SMS survey goes out', async () => {
    const number = phone();
    const { customerId, caseId } = await post('sms', {
      customer: { phone: number, smsOptIn: true, smsOptInWording: optInWording },
      text: 'Ma commande n’est pas arrivée',
    });
    expect(await keyword(number, 'Stop')).toEqual({
      customerId,
      caseId: null,
      consent: 'withdrawn',
    });
    const ledger = await stack.relais.stores.consents.forCustomer(customerId);
    expect(ledger.filter((r) => !r.granted).map((r) => [r.purpose, r.source, r.wording])).toEqual(
      expect.arrayContaining([
        ['messages', 'message', 'Stop'],
        ['survey', 'message', 'Stop'],
      ]),
    );

    // Like an autoresponder's mail, STOP lands on no case: the next message is the case's second.
    const next = await post('sms', { customer: { phone: number }, text: 'Merci de vérifier' });
    expect(next.caseId).toBe(caseId);
    const count = await historyOnce(customerId, caseId, 'Merci de vérifier');
    expect([count('case-opened'), count('message-received')]).toEqual([1, 1]);

    const handle = await resolveCase(caseId);
    // The case ends once its survey phase is over: nothing can be sent after that.
    expect((await handle.result()).status).toBe('closed');
    expect(await surveysOf(caseId)).toEqual([]);
    const types = (await stack.relais.stores.timeline.forCase(caseId)).map((e) => e.type);
    expect(types).not.toContain('survey-sent');
  }, 180_000);

  it('"START" by SMS grants it again, and opens no case either', async () => {
    const number = phone();
    const stopped = await keyword(number, 'ARRÊT');
    expect(stopped).toMatchObject({ caseId: null, consent: 'withdrawn' });
    const { customerId } = stopped as { customerId: string };
    expect(await keyword(number, 'Start')).toEqual({
      customerId,
      caseId: null,
      consent: 'granted',
    });
    const ledger = await stack.relais.stores.consents.forCustomer(customerId);
    expect(ledger.map((r) => [r.purpose, r.granted, r.wording])).toEqual(
      expect.arrayContaining([
        ['messages', false, 'ARRÊT'],
        ['messages', true, 'Start'],
        ['survey', true, 'Start'],
      ]),
    );
    // A real message after them opens the customer's first case: they opened none.
    const first = await post('sms', { customer: { phone: number }, text: 'Où est mon colis ?' });
    const count = await historyOnce(customerId, first.caseId, 'Où est mon colis ?');
    expect([count('case-opened'), count('message-received')]).toEqual([1, 0]);
  }, 180_000);
});

describe('the unsubscribe link of survey emails', () => {
  const consentsOf = (customerId: string) => stack.relais.stores.consents.forCustomer(customerId);

  async function surveyLink(): Promise<{ customerId: string; token: string }> {
    const { customerId, caseId } = await post('email', {
      customer: { email: `enquete.${randomUUID().slice(0, 8)}@exemple.fr` },
      subject: 'Facture',
      text: 'Ma facture est fausse',
    });
    await resolveCase(caseId);
    const [survey] = await eventually(
      async () => (await surveysOf(caseId)).length > 0 && surveysOf(caseId),
      'the survey email',
    );
    const token = /\/unsubscribe\/([\w.-]+)/.exec(survey!.text)?.[1];
    expect(token, survey!.text).toBeTruthy();
    return { customerId, token: token! };
  }

  const page = (token: string, method: 'GET' | 'POST') =>
    fetch(`${stack.designer!.url}/unsubscribe/${token}`, {
      method,
      headers: {
        accept: 'text/html',
        origin: stack.designer!.url,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: method === 'POST' ? '' : undefined,
      redirect: 'manual',
    });

  it('a tampered token gets a 403 and writes nothing', async () => {
    const { customerId, token } = await surveyLink();
    const before = await consentsOf(customerId);
    const [body, signature] = token.split('.') as [string, string];
    const claim = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, string>;
    const forged = Buffer.from(JSON.stringify({ ...claim, customerId: 'someone-else' })).toString(
      'base64url',
    );
    for (const bad of [`${forged}.${signature}`, `${body}.${signature.slice(0, -3)}abc`, 'x']) {
      expect((await page(bad, 'GET')).status, bad).toBe(403);
      expect((await page(bad, 'POST')).status, bad).toBe(403);
    }
    expect(await consentsOf(customerId)).toEqual(before);
    expect(await stack.relais.stores.consents.forCustomer('someone-else')).toEqual([]);
  }, 180_000);

  it('the genuine link asks, then withdraws email surveys: the next case sends none', async () => {
    const { customerId, token } = await surveyLink();
    const ask = await page(token, 'GET');
    expect(ask.status).toBe(200);
    // Opening the link (as a mail scanner would) withdraws nothing by itself.
    expect(await consentsOf(customerId)).toEqual([]);
    expect((await page(token, 'POST')).status).toBe(200);
    const [withdrawn] = await consentsOf(customerId);
    expect(withdrawn).toMatchObject({
      channel: 'email',
      purpose: 'survey',
      granted: false,
      source: 'link',
    });

    // The customer writes again: into the case being surveyed (reopened) or a new one.
    const customer = await stack.relais.stores.customers.get(customerId);
    const again = await post('email', {
      customer: { email: customer!.email },
      subject: 'Autre question',
      text: 'Une autre question',
    });
    const before = await surveysOf(again.caseId);
    const handle = await resolveCase(again.caseId);
    expect((await handle.result()).status).toBe('closed');
    expect(await surveysOf(again.caseId)).toEqual(before);
  }, 240_000);
});
