import type { Lang } from '../../../rules/model/channel';
import type { Refusal } from '../../../workflows/contracts/refusals';
import { formatDate } from './format';
import { en } from './i18n/en';
import { fr } from './i18n/fr';

/**
 * What the designer itself answers when an action cannot reach the workflow or the workflow did
 * not code its failure: coded too, so that no raw server sentence reaches the agent.
 */
export type DeskProblem =
  | { code: 'form.noCase' }
  /** The fields zod found missing or wrong; empty when the form as a whole is (e.g. no target). */
  | { code: 'form.incomplete'; fields: string[] }
  | { code: 'case.notRunning' }
  | { code: 'case.failed' };

/** Every refusal a case action can come back with. */
export type CaseRefusal = Refusal | DeskProblem;

/**
 * A refusal the workflow coded (a code and its parameters), in the agent's language. `nameOf`
 * names a person from their id (null when unknown: the words then say "another agent").
 */
export function wordRefusal(
  refusal: CaseRefusal,
  lang: Lang,
  nameOf: (id: string) => string | null = () => null,
): string {
  const dict = lang === 'fr' ? fr : en;
  const words = dict.case.refusals;
  const status = (s: string) => dict.statuses[s] ?? s;
  switch (refusal.code) {
    case 'callback.inPast':
      return words.callbackInPast(formatDate(refusal.at, lang));
    case 'claim.pullNotAllowed':
      return words.pullNotAllowed;
    case 'claim.overCapacity':
      return words.overCapacity;
    case 'case.notOpen':
      return words.notOpen(words.actions[refusal.action], status(refusal.status));
    case 'case.notYours':
      return words.notYours(words.actions[refusal.action]);
    case 'claim.alreadyYours':
      return words.alreadyYours;
    case 'case.heldByOther':
      return words.heldByOther(words.actions[refusal.action], nameOf(refusal.assignee));
    case 'note.caseClosed':
      return words.noteCaseClosed;
    case 'actor.missing':
      return words.actorMissing(words.actions[refusal.action]);
    case 'reopen.stillOpen':
      return words.stillOpen(status(refusal.status));
    case 'callback.noPhone':
      return words.noPhone;
    case 'callback.unknown':
      return words.callbackUnknown;
    case 'callback.alreadyEnded':
      return words.callbackEnded(words.callbackStatuses[refusal.status] ?? refusal.status);
    case 'b2b.resolveByFormalAnswer':
      return words.resolveByFormalAnswer;
    case 'b2b.draftInReview':
      return words.draftInReview;
    case 'b2b.noDraftInReview':
      return words.noDraftInReview;
    case 'form.noCase':
      return words.noCase;
    case 'form.incomplete':
      // Only the fields the agent sees by name; the others are the page's own.
      return words.incomplete(refusal.fields.flatMap((f) => words.fields[f] ?? []));
    case 'case.notRunning':
      return words.notRunning;
    case 'case.failed':
      return words.failed;
  }
}
