import { z } from 'zod';
import { ChannelSchema } from '../../rules/model/channel';
import { CaseStatusSchema } from './case';

export const TaskKindSchema = z.enum(['case', 'callback', 'follow-up', 'legal-review']);
export type TaskKind = z.infer<typeof TaskKindSchema>;

/** One line of an agent task list, kept in step with the case workflow that owns it. */
export const TaskSchema = z.object({
  /** The case id for a case's main task; `${caseId}:${kind}:${n}` for the tasks beside it. */
  taskId: z.string(),
  kind: TaskKindSchema,
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
