import { fail } from '@sveltejs/kit';
import { caseRef, dueInWords, durationInWords } from '$workflows/lib/promiseWords';
import {
  fillPlaceholders,
  macroPlaceholders,
  templatePlaceholders,
} from '$workflows/lib/placeholders';
import { MacroSchema } from '$worker/store/macros';
import { UnknownPlaceholderError } from '$worker/store/placeholderRefusal';
import { customerLanguageFirst, type MacroChoice } from '$lib/macros/macroChoice';
import { loadCase } from './caseView';
import type { Relais } from './relais';
import type { SessionUser } from './session';

/** A store's placeholder refusal as the page's answer: the names, and those it may use. */
export function placeholderRefusal(err: unknown, kind: 'macro' | 'template') {
  if (!(err instanceof UnknownPlaceholderError)) throw err;
  return fail(400, {
    unknownPlaceholders: err.placeholders,
    knownPlaceholders: [...(kind === 'macro' ? macroPlaceholders : templatePlaceholders)],
  });
}

/** The macro form's fields; a new macro (no id yet) gets one here. */
export function readMacroForm(form: FormData) {
  const text = (name: string) => String(form.get(name) ?? '');
  return MacroSchema.safeParse({
    id: text('id') || crypto.randomUUID(),
    name: text('name'),
    lang: text('lang'),
    body: text('body'),
    actions: {
      transferTo: text('transferTo') || null,
      askCustomer: form.get('askCustomer') === 'on',
      tag: text('tag').trim() || null,
    },
  });
}

/** Every macro with its placeholders filled for this case and the agent answering. */
export async function macrosForCase(
  r: Relais,
  caseId: string,
  agent: SessionUser,
): Promise<MacroChoice[]> {
  const [view, macros, queues] = await Promise.all([
    loadCase(r, caseId),
    r.stores.macros.list(),
    r.stores.queues.list(),
  ]);
  const state = view?.state;
  const customerId = state?.customerId ?? view?.task?.customerId;
  const customer = customerId ? await r.stores.customers.get(customerId) : null;
  const promise = state?.decision?.promise;
  const dueAt = state?.dueAt ?? view?.task?.dueAt ?? null;
  const timezone = customer?.timezone ?? 'Europe/Paris';
  const queueNames = new Map(queues.map((q) => [q._id, q.labels]));
  return customerLanguageFirst(macros, customer?.lang ?? agent.lang).map((m) => ({
    id: m.id,
    name: m.name,
    lang: m.lang,
    text: fillPlaceholders(m.body, {
      name: customer?.name ?? '',
      ref: caseRef(caseId),
      promise: promise ? durationInWords(promise.firstResponseMinutes, m.lang) : '',
      due: dueAt ? dueInWords(new Date(dueAt), timezone, m.lang) : '',
      agent: agent.name,
    }),
    askCustomer: m.actions.askCustomer,
    tag: m.actions.tag,
    transferTo: m.actions.transferTo
      ? (queueNames.get(m.actions.transferTo)?.[agent.lang] ?? m.actions.transferTo)
      : null,
  }));
}
