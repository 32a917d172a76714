import type { Lang } from '../../../rules/model/channel';
import type { Refusal } from '../../../workflows/contracts/refusals';
import { formatDate } from './format';
import { en } from './i18n/en';
import { fr } from './i18n/fr';

/**
 * A refusal the workflow coded (a code and its parameters), in the agent's language. `nameOf`
 * names a person from their id (null when unknown: the words then say "another agent").
 */
export function wordRefusal(
  refusal: Refusal,
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
  }
}
