import { isActionFailure, type RequestEvent } from '@sveltejs/kit';
import {
  TagArgsSchema,
  tagUpdate,
  TransferSchema,
  transferUpdate,
} from '$workflows/contracts/case';
import { caseWorkflowId } from '$workflows/contracts/customer';
import { requireUser } from './auth';
import { relais } from './relais';

/**
 * Runs the reply action, then the tag and the transfer the macro it was written with asks for, as
 * the agent would make them (the workflow judges them); the tag first, while the case is still the
 * agent's. Asking the customer rides on the reply itself, ticked by the picker where the agent can
 * see and untick it. A refused tag or transfer is logged: the reply is sent and the agent still
 * has the tag and transfer forms.
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
  if (!macro) return answer;
  const agentId = requireUser(event).id;
  const handle = r.client.workflow.getHandle(caseWorkflowId(caseId));
  const refused = (what: string) => (err: unknown) =>
    console.warn(`[designer] macro ${what} on ${caseId} refused: ${(err as Error).message}`);
  const { tag, transferTo } = macro.actions;
  if (tag)
    await handle
      .executeUpdate(tagUpdate, { args: [TagArgsSchema.parse({ agentId, add: [tag] })] })
      .catch(refused('tag'));
  if (transferTo)
    await handle
      .executeUpdate(transferUpdate, {
        args: [TransferSchema.parse({ agentId, toQueue: transferTo, reason: macro.name })],
      })
      .catch(refused('transfer'));
  return answer;
}
