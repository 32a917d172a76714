import { WorkflowUpdateFailedError, WorkflowUpdateStage } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import {
  claimUpdate,
  noteUpdate,
  replyUpdate,
  resolveUpdate,
  transferUpdate,
} from '../../workflows/contracts/case';
import { withCaseWorld } from '../support/caseWorld';
import { customerProfile, inboundMessage } from '../support/messages';

/** The message an update was rejected with. */
async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    return String((err as WorkflowUpdateFailedError).cause?.message);
  }
  throw new Error('the update was accepted');
}

describe('agent actions', () => {
  it('lets exactly one of two agents claiming at once win', () =>
    withCaseWorld(async (w) => {
      const caseId = await w.send(customerProfile(), inboundMessage());
      await w.waitForStatus(caseId, 'queued');
      const handle = w.caseHandle(caseId);
      const results = await Promise.allSettled(
        ['ana', 'bob'].map((agentId) => handle.executeUpdate(claimUpdate, { args: [{ agentId }] })),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const winner = (won[0] as PromiseFulfilledResult<{ assignee: string }>).value.assignee;
      expect(String((lost[0] as PromiseRejectedResult).reason.cause?.message)).toContain(
        `already claimed by ${winner}`,
      );
      expect((await w.waitForEvents(caseId, 'claimed')).length).toBe(1);
    }));

  it('rejects impossible transitions with a clear message and changes nothing', () =>
    withCaseWorld(async (w) => {
      const caseId = await w.send(customerProfile(), inboundMessage());
      await w.waitForStatus(caseId, 'queued');
      const h = w.caseHandle(caseId);
      expect(
        await rejection(
          h.executeUpdate(replyUpdate, { args: [{ agentId: 'ana', text: 'Bonjour' }] }),
        ),
      ).toContain('not claimed by ana');
      expect(
        await rejection(
          h.executeUpdate(resolveUpdate, { args: [{ agentId: 'ana', reason: 'x' }] }),
        ),
      ).toContain('not claimed by ana');
      expect(
        await rejection(
          h.executeUpdate(transferUpdate, { args: [{ agentId: 'ana', reason: 'wrong team' }] }),
        ),
      ).toContain('transfer to a queue or to an agent');
      expect(await rejection(h.executeUpdate(claimUpdate, { args: [{ agentId: '' }] }))).toMatch(
        /too_small|at least 1/i,
      );

      await h.executeUpdate(claimUpdate, { args: [{ agentId: 'ana' }] });
      await h.executeUpdate(resolveUpdate, { args: [{ agentId: 'ana', reason: 'answered' }] });
      expect(
        await rejection(
          h.executeUpdate(resolveUpdate, { args: [{ agentId: 'ana', reason: 'x' }] }),
        ),
      ).toContain('already');
      expect(
        await rejection(
          h.executeUpdate(replyUpdate, { args: [{ agentId: 'ana', text: 'encore moi' }] }),
        ),
      ).toContain('cannot reply');
      const types = await w.types(caseId);
      expect(types.filter((t) => t === 'resolved')).toHaveLength(1);
      expect(types).not.toContain('replied');
    }));

  it('finishes a reply before a resolve that arrives while it is being sent', () =>
    withCaseWorld(async (w) => {
      const caseId = await w.send(customerProfile(), inboundMessage());
      await w.waitForStatus(caseId, 'queued');
      const h = w.caseHandle(caseId);
      await h.executeUpdate(claimUpdate, { args: [{ agentId: 'ana' }] });
      const reply = await h.startUpdate(replyUpdate, {
        args: [{ agentId: 'ana', text: 'Pouvez-vous m’envoyer la facture ?', awaitCustomer: true }],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
      const resolved = await h.executeUpdate(resolveUpdate, {
        args: [{ agentId: 'ana', reason: 'answered' }],
      });
      await reply.result();
      expect(['resolved', 'surveying']).toContain(resolved.status);
      // Both handlers are done: the timeline tells the reply, then the resolution.
      const types = (await w.types(caseId)).filter((t) =>
        ['replied', 'waiting-on-customer', 'resolved'].includes(t),
      );
      expect(types).toEqual(['replied', 'waiting-on-customer', 'resolved']);
    }));

  it('transfers to another queue, adds internal notes, replies on a chosen channel', () =>
    withCaseWorld(async (w) => {
      const customer = customerProfile({ phone: '+33612345678' });
      const caseId = await w.send(customer, inboundMessage({ channel: 'email' }));
      await w.waitForStatus(caseId, 'queued');
      const h = w.caseHandle(caseId);
      await h.executeUpdate(claimUpdate, { args: [{ agentId: 'ana' }] });
      await h.executeUpdate(noteUpdate, { args: [{ agentId: 'ana', text: 'Client fidèle' }] });
      const moved = await h.executeUpdate(transferUpdate, {
        args: [{ agentId: 'ana', toQueue: 'logistics', reason: 'delivery issue' }],
      });
      expect(moved).toMatchObject({ queue: 'logistics', assignee: null, status: 'queued' });
      await h.executeUpdate(claimUpdate, { args: [{ agentId: 'bob' }] });
      await h.executeUpdate(replyUpdate, {
        args: [{ agentId: 'bob', text: 'Votre colis est reparti.', channel: 'sms' }],
      });
      const outbox = await w.outbox(caseId);
      expect(outbox.at(-1)).toMatchObject({ kind: 'reply', channel: 'sms', to: '+33612345678' });
      const task = await w.stores.tasks.get(caseId);
      expect(task).toMatchObject({ queue: 'logistics', assignee: 'bob' });
      const types = await w.types(caseId);
      expect(types).toEqual(expect.arrayContaining(['note', 'transferred', 'promise-met']));
      // Notes are internal: nothing was sent for them.
      expect(outbox.map((m) => m.kind)).toEqual(['acknowledgement', 'reply']);
    }));
});
