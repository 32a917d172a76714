import { json } from '@sveltejs/kit';
import { postFromPortal } from '../../../status/portalInbound.server';
import { caseRef, caseWhen, decided, promiseOf } from '../../../status/caseForCustomer.server';
import type { Relais } from '$lib/server/relais';
import type { ChatOfflineReceipt } from './siteApi';

/**
 * An offline request through the inbound path, answered with its case's reference and promise
 * in words, as the web form's confirmation; a refusal is worded by the widget as "unavailable".
 */
export async function offlineCase(
  r: Relais,
  channel: 'email' | 'chat',
  body: Record<string, unknown>,
  lang: 'fr' | 'en',
): Promise<Response> {
  const outcome = await postFromPortal(r, channel, body);
  if (outcome.status !== 202) {
    console.warn(`[chat] offline request refused with ${outcome.status}`);
    return json(
      { code: 'unavailable', message: 'Try again shortly' },
      { status: 503, headers: { 'retry-after': '5' } },
    );
  }
  const { caseId, customerId } = outcome.body;
  const [state, customer] = await Promise.all([
    caseWhen(r, caseId, decided),
    r.stores.customers.get(customerId),
  ]);
  const receipt: ChatOfflineReceipt = {
    ref: caseRef(caseId),
    promise: state ? promiseOf(state, customer?.timezone ?? 'Europe/Paris', lang) : null,
  };
  return json(receipt, { status: 201 });
}
