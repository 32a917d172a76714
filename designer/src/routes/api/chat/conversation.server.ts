import type { ChatVisitor } from '$worker/chat/visitorToken';
import type { CaseSnapshot } from '$workflows/contracts/case';
import { loadCase } from '$lib/server/caseView';
import type { Relais } from '$lib/server/relais';
import { promiseOf } from '../../status/caseForCustomer.server';
import { customerThread } from '../../status/statusThread';
import { ChatViewSchema, type ChatView } from './chatApi';

/** The promise still stands while nobody has answered the visitor. */
const awaitingAnswer: CaseSnapshot['status'][] = ['new', 'acknowledged', 'queued', 'assigned'];

/**
 * The visitor's conversation as the widget shows it: their messages and what we sent them on
 * their case (never notes, never anything of another customer), the promise and the queue.
 */
export async function chatView(r: Relais, visitor: ChatVisitor): Promise<ChatView> {
  const empty = {
    name: visitor.name,
    lines: [],
    promise: null,
    agentJoined: false,
    queue: null,
    survey: null,
    typing: null,
  };
  if (!visitor.caseId) return empty;
  const [view, sent] = await Promise.all([
    loadCase(r, visitor.caseId),
    r.stores.outbox.forCase(visitor.caseId),
  ]);
  const state = view?.state;
  if (!state) return empty;
  const customer = await r.stores.customers.get(state.customerId);
  // A transcript repeats the conversation: it is not a line of it.
  const replies = sent.filter((m) => m.kind !== 'transcript');
  const lines = customerThread(state.messages, replies).map(({ id, from, at, text }) => ({
    id,
    from,
    at,
    text,
  }));
  const agentJoined = state.assignee !== null || state.firstResponseAt !== null;
  // A given score keeps its thanks once the case closes behind it; NPS asks on the status page.
  const survey =
    state.survey?.kind === 'csat' && (state.status === 'surveying' || state.survey.score !== null)
      ? { score: state.survey.score }
      : null;
  return ChatViewSchema.parse({
    name: visitor.name,
    lines,
    promise:
      !agentJoined && awaitingAnswer.includes(state.status)
        ? promiseOf(state, customer?.timezone ?? 'Europe/Paris', visitor.lang)
        : null,
    agentJoined,
    queue: view.routing && {
      position: view.routing.position,
      expectedWaitSeconds: view.routing.expectedWaitSeconds,
    },
    survey,
    typing: null,
  });
}
