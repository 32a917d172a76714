import { z } from 'zod';

/**
 * Why an agent action was refused, as a code with its parameters: the workflow's validator
 * attaches it to its failure, and the designer words it in the agent's language.
 */
export const RefusalSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('callback.inPast'), at: z.iso.datetime(), now: z.iso.datetime() }),
  /** The queue's cases are offered by the router: agents may not take them from the list. */
  z.object({ code: z.literal('claim.pullNotAllowed') }),
]);
export type Refusal = z.infer<typeof RefusalSchema>;
