import { z } from 'zod';

/**
 * Why an agent action was refused, as a code with its parameters: the workflow's validator
 * attaches it to its failure, and the designer words it in the agent's language.
 */
export const RefusalSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('callback.inPast'), at: z.iso.datetime(), now: z.iso.datetime() }),
]);
export type Refusal = z.infer<typeof RefusalSchema>;
