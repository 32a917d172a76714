import { z } from 'zod';
import { TimelineEventTypeSchema } from '../../../../../workflows/contracts/timeline';

/** A timeline entry as the desk's live feed carries it: which case changed, and how. */
export const DeskChangeSchema = z.object({
  key: z.string(),
  caseId: z.string(),
  customerId: z.string(),
  type: TimelineEventTypeSchema,
});
export type DeskChange = z.infer<typeof DeskChangeSchema>;

/** One message of the desk stream: changes, a resync (too much was missed), or a tick. */
export const DeskMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('changes'), changes: z.array(DeskChangeSchema) }),
  z.object({ kind: z.literal('resync') }),
  z.object({ kind: z.literal('tick') }),
]);
export type DeskMessage = z.infer<typeof DeskMessageSchema>;
