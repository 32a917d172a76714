import { fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import {
  ApplicationFailure,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type UpdateDefinition,
} from '@temporalio/client';
import type { z } from 'zod';
import type { CaseSnapshot } from '$workflows/contracts/case';
import { caseWorkflowId } from '$workflows/contracts/customer';
import { RefusalSchema, type Refusal } from '$workflows/contracts/refusals';
import type { CaseRefusal } from '$lib/refusals';
import { requireUser } from './auth';
import { relais, type Relais } from './relais';
import type { SessionUser } from './session';

/** What every case action answers: which form it was, and why not when it was refused. */
export interface CaseActionResult {
  action: string;
  caseId: string | null;
  ok: boolean;
  /** Set when refused: a code and its parameters, which the page words in the agent's language. */
  refusal: CaseRefusal | null;
}

/** A form field as a trimmed string; empty means absent. */
export function field(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The code and parameters a workflow attached to its refusal, when it did. */
export function refusalOf(err: WorkflowUpdateFailedError): Refusal | null {
  if (!(err.cause instanceof ApplicationFailure)) return null;
  const parsed = RefusalSchema.safeParse(err.cause.details?.[0]);
  return parsed.success ? parsed.data : null;
}

/** The form fields zod found wrong; a check on the whole form (e.g. no target) names none. */
const wrongFields = (error: z.ZodError): string[] => [
  ...new Set(error.issues.flatMap((i) => (i.path.length ? [i.path.join('.')] : []))),
];

/**
 * Runs one agent action on a case workflow: the form is read, the signed-in user becomes the
 * actor, zod checks the arguments with the workflow's own schema, and the workflow's validator
 * has the last word; its rejection comes back as a code for the form, never a 500.
 */
export async function caseUpdate<A extends object>(
  event: RequestEvent,
  spec: {
    /** From the route, or from the form when acting from the task list. */
    caseId: (form: FormData) => string | undefined;
    action: string;
    update: UpdateDefinition<CaseSnapshot, [A]>;
    /** The workflow's argument schema; what it outputs is what the update accepts. */
    schema: z.ZodType<A>;
    read: (form: FormData) => Record<string, unknown>;
    /** The argument naming the actor: agentId, or reviewerId for legal reviews. */
    actor?: string;
    /** A refusal decided before the workflow is asked (e.g. a queue that forbids pulling). */
    refuse?: (r: Relais, user: SessionUser, caseId: string) => Promise<Refusal | null>;
  },
): Promise<CaseActionResult | ActionFailure<CaseActionResult>> {
  const user = requireUser(event);
  const form = await event.request.formData();
  const parsed = spec.schema.safeParse({ ...spec.read(form), [spec.actor ?? 'agentId']: user.id });
  const caseId = spec.caseId(form);
  const result = (refusal: CaseRefusal | null): CaseActionResult => ({
    action: spec.action,
    caseId: caseId ?? null,
    ok: refusal === null,
    refusal,
  });
  if (!caseId) return fail(400, result({ code: 'form.noCase' }));
  if (!parsed.success)
    return fail(400, result({ code: 'form.incomplete', fields: wrongFields(parsed.error) }));
  const r = await relais();
  const refusal = spec.refuse ? await spec.refuse(r, user, caseId) : null;
  if (refusal) return fail(409, result(refusal));
  const { client } = r;
  try {
    await client.workflow
      .getHandle(caseWorkflowId(caseId))
      .executeUpdate(spec.update, { args: [parsed.data] });
    return result(null);
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      const coded = refusalOf(err);
      // The workflow's own sentence is for the logs: the agent reads a worded code.
      if (!coded)
        console.warn(
          `[designer] ${spec.action} on ${caseId} refused: ${err.cause?.message ?? err.message}`,
        );
      return fail(409, result(coded ?? { code: 'case.failed' }));
    }
    if (err instanceof WorkflowNotFoundError) return fail(409, result({ code: 'case.notRunning' }));
    throw err;
  }
}
