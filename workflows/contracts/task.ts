import { z } from 'zod';
import { ChannelSchema } from '../../rules/model/channel';
import { CaseStatusSchema } from './case';

/** The agent task list's view of a case, kept in step with the case workflow. */
export const TaskSchema = z.object({
  caseId: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  status: CaseStatusSchema,
  channel: ChannelSchema,
  priority: z.number().int().min(1).max(5),
  queue: z.string(),
  skills: z.array(z.string()),
  assignee: z.string().nullable(),
  subject: z.string(),
  dueAt: z.iso.datetime().nullable(),
  escalationLevel: z.number().int().min(0),
  openedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Monotonic per case, so a late retry never overwrites a newer projection. */
  seq: z.number().int().min(0),
});
export type Task = z.infer<typeof TaskSchema>;
