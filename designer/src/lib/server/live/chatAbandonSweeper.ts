import { WorkflowNotFoundError } from '@temporalio/client';
import { goneBefore, sweepEveryMs } from '$worker/chat/chatAbandon';
import { customerLeftSignal } from '$workflows/contracts/case';
import { caseWorkflowId } from '$workflows/contracts/customer';
import type { Relais } from '../relais';
import { closeOnShutdown } from '../shutdown';

let started = false;

/**
 * Tells the case workflow that a chat visitor left once their stream has been gone for
 * RELAIS_CHAT_ABANDON_SECONDS; the workflow's handler records 'abandoned' only when nobody has
 * answered yet, so a visitor leaving after the answer changes nothing.
 *
 * In the designer rather than the worker because the designer holds the visitors' streams and
 * the setting; in every designer process, which is safe because the presence marks are shared
 * in MongoDB and each stale one is claimed by a single sweeper (`claimStale`). It starts with the
 * first chat stream a process serves: a visitor's browser reconnects its stream within seconds,
 * so a restarted process sweeps again as soon as anyone is chatting through it.
 */
export function sweepAbandonedChats(r: Relais): void {
  if (started) return;
  started = true;
  const seconds = r.config.RELAIS_CHAT_ABANDON_SECONDS;
  let sweeping = false;
  const sweep = async () => {
    const before = goneBefore(new Date(), seconds);
    for (const caseId of await r.stores.chatPresence.staleSince(before)) {
      if (!(await r.stores.chatPresence.claimStale(caseId, before))) continue;
      await r.client.workflow
        .getHandle(caseWorkflowId(caseId))
        .signal(customerLeftSignal, { channel: 'chat' })
        .catch(async (err: unknown) => {
          // A case already closed and gone has nobody left to wait for; otherwise the stale
          // mark goes back for the next sweep to try again.
          if (err instanceof WorkflowNotFoundError) return;
          await r.stores.chatPresence.seen(caseId, before);
          throw err;
        });
    }
  };
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    void sweep()
      .catch((err: unknown) => console.warn('[chat] sweeping abandoned chats failed:', err))
      .finally(() => (sweeping = false));
  }, sweepEveryMs(seconds));
  closeOnShutdown(async () => clearInterval(timer));
}
