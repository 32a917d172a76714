import type { CaseSnapshot } from '../../../../../workflows/contracts/case';
import type { Refusal } from '../../../../../workflows/contracts/refusals';

/** The actions the case page offers, each shown only where it applies to the case. */
export type CaseAction =
  | 'claim'
  | 'reply'
  | 'note'
  | 'transfer'
  | 'scheduleCallback'
  | 'resolve'
  | 'reopen'
  | 'submitDraft'
  | 'legalReview';

/** Null: the agent may do it now. A refusal: shown disabled, with the reason in its words. */
export type Availability = Partial<Record<CaseAction, Refusal | null>>;

const closedForAgents = ['resolved', 'surveying', 'closed'];

/**
 * What the signed-in agent can do on the case, decided from the state the page loaded, with the
 * same rules as the workflow's validators: so the agent learns they must claim before typing a
 * reply, not after. The workflow still has the last word (the state may have moved since).
 */
export function caseActions(
  state: Pick<CaseSnapshot, 'status' | 'assignee' | 'lifecycle'>,
  userId: string,
  options: { pullAllowed: boolean; hasPhone: boolean },
): Availability {
  if (closedForAgents.includes(state.status))
    return state.status === 'closed' ? { reopen: null } : { note: null, reopen: null };
  const { assignee } = state;
  const holder = (action: 'reply' | 'resolve' | 'transfer'): Refusal | null =>
    assignee === userId
      ? null
      : assignee
        ? { code: 'case.heldByOther', action, assignee }
        : action === 'transfer'
          ? null
          : { code: 'case.notYours', action };
  return {
    ...(assignee === null && {
      claim: options.pullAllowed ? null : { code: 'claim.pullNotAllowed' },
    }),
    reply: holder('reply'),
    note: null,
    transfer: holder('transfer'),
    ...(options.hasPhone && { scheduleCallback: null }),
    // A B2B complaint ends with its approved formal answer, never by hand.
    resolve:
      state.lifecycle === 'b2b-complaint'
        ? { code: 'b2b.resolveByFormalAnswer' }
        : holder('resolve'),
    ...(state.lifecycle === 'b2b-complaint' && { submitDraft: null, legalReview: null }),
  };
}
