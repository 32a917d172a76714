import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { z } from 'zod';
import { TransferSchema, transferUpdate } from '$workflows/contracts/case';
import { caseWorkflowId } from '$workflows/contracts/customer';
import { RefusalSchema } from '$workflows/contracts/refusals';
import { refusalOf } from './caseUpdates';
import type { Relais } from './relais';
import type { SessionUser } from './session';

/** Cases one bulk action may touch: a page of the task list. */
const maxCases = 100;
/** Cases asked at once: each is a workflow update, and the worker shares the machine. */
const inParallel = 5;

/** The bulk form of the task list, as posted. */
export const BulkFormSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('transfer'),
    caseIds: z.array(z.string().min(1)).min(1).max(maxCases),
    toQueue: z.string().min(1),
    reason: z.string().trim().min(1),
  }),
  z.object({
    mode: z.literal('assign'),
    caseIds: z.array(z.string().min(1)).min(1).max(maxCases),
    toAgent: z.string().min(1),
    reason: z.string().trim().min(1),
  }),
]);
export type BulkForm = z.infer<typeof BulkFormSchema>;

/** What became of one case: done, refused with the workflow's code, or not reached. */
export const BulkOutcomeSchema = z.object({
  caseId: z.string(),
  /** Who the case is for, so that the report names it (null for a case with no task). */
  customerName: z.string().nullable(),
  refusal: RefusalSchema.nullable(),
  problem: z.enum(['notRunning', 'failed']).nullable(),
});
export type BulkOutcome = z.infer<typeof BulkOutcomeSchema>;

/** Who may act on many cases at once: supervisors and managers, never agents. */
export const canBulk = (user: SessionUser | null): boolean =>
  user !== null && user.role !== 'agent';

/**
 * Transfers or assigns each case as the signed-in supervisor, one workflow update each, so that
 * each case's validator judges it (a case another agent holds is refused, the others go on).
 */
export async function bulkTransfer(
  r: Relais,
  user: SessionUser,
  form: BulkForm,
): Promise<BulkOutcome[]> {
  const caseIds = [...new Set(form.caseIds)];
  const target = form.mode === 'transfer' ? { toQueue: form.toQueue } : { toAgent: form.toAgent };
  const args = TransferSchema.parse({ agentId: user.id, reason: form.reason, ...target });
  const outcomes: BulkOutcome[] = [];
  for (let i = 0; i < caseIds.length; i += inParallel)
    outcomes.push(
      ...(await Promise.all(
        caseIds.slice(i, i + inParallel).map((caseId) => transferOne(r, caseId, args)),
      )),
    );
  return outcomes;
}

async function transferOne(
  r: Relais,
  caseId: string,
  args: z.output<typeof TransferSchema>,
): Promise<BulkOutcome> {
  const customerName = (await r.stores.tasks.get(caseId))?.customerName ?? null;
  const outcome = (
    refusal: BulkOutcome['refusal'],
    problem: BulkOutcome['problem'],
  ): BulkOutcome => ({ caseId, customerName, refusal, problem });
  try {
    await r.client.workflow
      .getHandle(caseWorkflowId(caseId))
      .executeUpdate(transferUpdate, { args: [args] });
    return outcome(null, null);
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      const coded = refusalOf(err);
      if (coded) return outcome(coded, null);
      console.warn(`[designer] bulk transfer of ${caseId} refused: ${err.message}`);
      return outcome(null, 'failed');
    }
    if (err instanceof WorkflowNotFoundError) return outcome(null, 'notRunning');
    throw err;
  }
}
