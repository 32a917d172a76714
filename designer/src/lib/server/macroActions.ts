import { isActionFailure, type RequestEvent } from '@sveltejs/kit';
import { TransferSchema, transferUpdate } from '$workflows/contracts/case';
import { caseWorkflowId } from '$workflows/contracts/customer';
import { requireUser } from './auth';
import { relais } from './relais';

/**
 * Runs the reply action, then the transfer the macro it was written with asks for, as the agent
 * would make it (the workflow judges it). Asking the customer rides on the reply itself, ticked
 * by the picker where the agent can see and untick it. A refused transfer is logged: the reply
 * is sent and the agent still has the transfer form.
 */
export async function withMacroActions<T>(
  event: RequestEvent,
  reply: (event: RequestEvent) => Promise<T>,
): Promise<T> {
  const form = await event.request.clone().formData();
  const answer = await reply(event);
  const macroId = form.get('macroId');
  const caseId = event.params.caseId;
  if (isActionFailure(answer) || typeof macroId !== 'string' || !macroId || !caseId) return answer;
  const r = await relais();
  const macro = await r.stores.macros.get(macroId);
  const toQueue = macro?.actions.transferTo;
  if (!macro || !toQueue) return answer;
  const args = TransferSchema.parse({
    agentId: requireUser(event).id,
    toQueue,
    reason: macro.name,
  });
  await r.client.workflow
    .getHandle(caseWorkflowId(caseId))
    .executeUpdate(transferUpdate, { args: [args] })
    .catch((err: unknown) =>
      console.warn(`[designer] macro transfer on ${caseId} refused: ${(err as Error).message}`),
    );
  return answer;
}
