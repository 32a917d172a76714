import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { verifyStatusLink } from '$worker/links/statusLink';
import { isValidScore } from '$workflows/blocks/surveyPolicy';
import type { CaseSnapshot } from '$workflows/contracts/case';
import { relais, type Relais } from '$lib/server/relais';
import { answeredOn, caseRef, caseWhen, promiseOf } from '../caseForCustomer.server';
import { statusLinkSecret } from '../linkSecret.server';
import { postFromPortal } from '../portalInbound.server';
import { customerThread } from '../statusThread';
import type { Actions, PageServerLoad } from './$types';

const maxReply = 15_000;
/** The promise still stands while nobody has answered the customer. */
const awaitingAnswer: CaseSnapshot['status'][] = ['new', 'acknowledged', 'queued', 'assigned'];

/**
 * The case the link opens, or a 403 page saying the link expired or was changed (the error's
 * message is that code: the page words it). Every action checks it again before writing.
 */
async function linkedCase(event: Pick<RequestEvent, 'params' | 'url'>) {
  const r = await relais();
  const caseId = event.params.caseId ?? '';
  const check = verifyStatusLink(statusLinkSecret(r.config), {
    caseId,
    exp: event.url.searchParams.get('exp'),
    sig: event.url.searchParams.get('sig'),
  });
  if (check !== 'valid') error(403, check);
  const state = await caseWhen(r, caseId, () => true, 0);
  if (!state) error(404, 'unknown');
  const customer = await r.stores.customers.get(state.customerId);
  if (!customer) error(404, 'unknown');
  return { r, caseId, state, customer };
}

export const load: PageServerLoad = async (event) => {
  const { r, caseId, state, customer } = await linkedCase(event);
  const lang = event.locals.lang;
  // A given score keeps its thanks on the page once the case closes behind it.
  const survey =
    state.survey && (state.status === 'surveying' || state.survey.score !== null)
      ? state.survey
      : null;
  return {
    ref: caseRef(caseId),
    status: state.status,
    promise: awaitingAnswer.includes(state.status)
      ? promiseOf(state, customer.timezone, lang)
      : null,
    answered: answeredOn(state, customer.timezone, lang),
    thread: customerThread(state.messages, await r.stores.outbox.forCase(caseId)),
    survey: survey && { kind: survey.kind, score: survey.score },
    formId: randomUUID(),
  };
};

/** The customer as the inbound path recognises them: the ways we know to reach them. */
function identity(customer: { email: string | null; phone: string | null; handle: string | null }) {
  const { email, phone, handle } = customer;
  return Object.fromEntries(Object.entries({ email, phone, handle }).filter(([, v]) => v));
}

/** Posts one portal message into the case; null once the case holds it, else the failure. */
async function postToCase(
  r: Relais,
  caseId: string,
  customer: Parameters<typeof identity>[0] & { name: string | null },
  lang: 'fr' | 'en',
  message: { messageId: string; text: string; surveyScore?: number },
) {
  const outcome = await postFromPortal(r, 'portal', {
    ...message,
    customer: { ...identity(customer), name: customer.name },
    lang,
    caseRef: caseId,
  });
  if (outcome.status !== 202) {
    console.warn(`[status] refused with ${outcome.status}: ${JSON.stringify(outcome.body)}`);
    return fail(503, { unavailable: true });
  }
  // The page reloads after the action: show it with the message threaded.
  await caseWhen(r, caseId, (s) => s.messages.some((m) => m.messageId === message.messageId));
  return null;
}

export const actions: Actions = {
  reply: async (event) => {
    const { r, caseId, customer } = await linkedCase(event);
    const form = await event.request.formData();
    const text = String(form.get('text') ?? '').trim();
    if (!text) return fail(400, { text, replyError: 'replyMissing' as const });
    if (text.length > maxReply) return fail(400, { text, replyError: 'replyTooLong' as const });
    const formId = String(form.get('formId') ?? '');
    const messageId = `portal-${/^[0-9a-f-]{36}$/.test(formId) ? formId : randomUUID()}`;
    const failed = await postToCase(r, caseId, customer, event.locals.lang, { messageId, text });
    return failed ?? { replied: true };
  },
  score: async (event) => {
    const { r, caseId, state, customer } = await linkedCase(event);
    const score = Number((await event.request.formData()).get('score'));
    const survey = state.survey;
    if (state.status !== 'surveying' || !survey || !isValidScore(survey.kind, score))
      return fail(400, { scoreRefused: true });
    const max = survey.kind === 'csat' ? 5 : 10;
    const failed = await postToCase(r, caseId, customer, event.locals.lang, {
      // One score per case: a second click is the same message.
      messageId: `portal-score-${caseId}`,
      text: `${score}/${max}`,
      surveyScore: score,
    });
    return failed ?? { scored: score };
  },
};
