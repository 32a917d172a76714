import { fail } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { statusLinkUrl } from '$worker/links/statusLink';
import { relais } from '$lib/server/relais';
import { caseRef, caseWhen, decided, promiseOf } from '../status/caseForCustomer.server';
import { statusLinkSecret } from '../status/linkSecret.server';
import { postFromPortal } from '../status/portalInbound.server';
import {
  contactFormSchema,
  contactInput,
  fieldErrors,
  honeypotField,
  messageText,
  typedValues,
} from './contactForm';
import type { Actions, PageServerLoad } from './$types';

/** The confirmation's link to the status page: the mail carries a longer-lived one. */
const confirmationLinkHours = 24;

/**
 * Submissions per client address and hour, valid or not: it keeps a bot from filling the
 * desk, or from probing the form. Counted per designer process, as sign-in failures are.
 */
let limiter: RateLimiterMemory | undefined;
const perAddress = (points: number) =>
  (limiter ??= new RateLimiterMemory({ keyPrefix: 'webform', points, duration: 3600 }));

export const load: PageServerLoad = async () => {
  const r = await relais();
  return { categories: await r.stores.categories.list(), formId: randomUUID() };
};

export const actions: Actions = {
  default: async (event) => {
    const r = await relais();
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const values = typedValues(form);
    try {
      await perAddress(r.config.RELAIS_WEBFORM_PER_HOUR).consume(event.getClientAddress());
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      return fail(429, { values, throttled: Math.ceil(err.msBeforeNext / 60_000) });
    }
    // Bots fill every field: refused as any failure, and nothing is written.
    if (String(form.get(honeypotField) ?? '') !== '') return fail(400, { values, refused: true });

    const categories = await r.stores.categories.list();
    const parsed = contactFormSchema(categories).safeParse(contactInput(values));
    if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
    const contact = parsed.data;
    const category = categories.find((c) => c._id === contact.category)!;
    const formId = /^[0-9a-f-]{36}$/.test(values.formId ?? '') ? values.formId : randomUUID();
    const outcome = await postFromPortal(r, 'webform', {
      // The form's id makes a double submit one message, hence one case.
      messageId: `webform-${formId}`,
      customer: { email: contact.email, name: contact.name || null },
      lang,
      subject: contact.subject,
      text: messageText(contact, category, lang),
      category: contact.category,
    });
    if (outcome.status !== 202) {
      console.warn(`[webform] refused with ${outcome.status}: ${JSON.stringify(outcome.body)}`);
      return fail(outcome.status === 400 ? 400 : 503, { values, unavailable: true });
    }
    const { caseId, customerId } = outcome.body;
    const [state, customer] = await Promise.all([
      caseWhen(r, caseId, decided),
      r.stores.customers.get(customerId),
    ]);
    const timezone = customer?.timezone ?? 'Europe/Paris';
    const expiresAt = new Date(Date.now() + confirmationLinkHours * 3600 * 1000);
    return {
      sent: {
        ref: caseRef(caseId),
        promise: state ? promiseOf(state, timezone, lang) : null,
        statusUrl: statusLinkUrl(event.url.origin, statusLinkSecret(r.config), caseId, expiresAt),
      },
    };
  },
};
