import { z } from 'zod';

/** The agent actions a case refuses, named as the designer's forms name them. */
export const RefusedActionSchema = z.enum([
  'claim',
  'reply',
  'note',
  'transfer',
  'resolve',
  'reopen',
  'scheduleCallback',
  'callbackOutcome',
  'submitDraft',
  'legalReview',
  'tag',
]);
export type RefusedAction = z.infer<typeof RefusedActionSchema>;

/**
 * Why an agent action was refused, as a code with its parameters: the workflow's validator
 * attaches it to its failure, and the designer words it in the agent's language. Parameters are
 * ids and states, never sentences (the designer names the people and statuses).
 */
export const RefusalSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('callback.inPast'), at: z.iso.datetime(), now: z.iso.datetime() }),
  /** The queue's cases are offered by the router: agents may not take them from the list. */
  z.object({ code: z.literal('claim.pullNotAllowed') }),
  /** The agent already holds as many cases of the channel as their capacity allows. */
  z.object({ code: z.literal('claim.overCapacity') }),
  /** The case is resolved, surveying or closed: agents no longer act on it. */
  z.object({ code: z.literal('case.notOpen'), action: RefusedActionSchema, status: z.string() }),
  /** Only the agent holding the case may do this: claim it first. */
  z.object({ code: z.literal('case.notYours'), action: RefusedActionSchema }),
  z.object({ code: z.literal('claim.alreadyYours') }),
  /** Another agent holds the case (a claim or a transfer by someone else). */
  z.object({
    code: z.literal('case.heldByOther'),
    action: RefusedActionSchema,
    assignee: z.string(),
  }),
  z.object({ code: z.literal('note.caseClosed') }),
  /** The action came without the person doing it (an API caller's mistake). */
  z.object({ code: z.literal('actor.missing'), action: RefusedActionSchema }),
  z.object({ code: z.literal('reopen.stillOpen'), status: z.string() }),
  z.object({ code: z.literal('callback.noPhone') }),
  z.object({ code: z.literal('callback.unknown') }),
  z.object({ code: z.literal('callback.alreadyEnded'), status: z.string() }),
  /** A B2B complaint ends with its approved formal answer, not a plain resolve. */
  z.object({ code: z.literal('b2b.resolveByFormalAnswer') }),
  z.object({ code: z.literal('b2b.draftInReview') }),
  z.object({ code: z.literal('b2b.noDraftInReview') }),
]);
export type Refusal = z.infer<typeof RefusalSchema>;
export type RefusalCode = Refusal['code'];
