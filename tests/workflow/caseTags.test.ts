import { WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { caseStateQuery, claimUpdate, tagUpdate } from '../../workflows/contracts/case';
import { withCaseWorld } from '../support/caseWorld';
import { customerProfile, inboundMessage } from '../support/messages';

describe('case tags', () => {
  it('adds and removes tags, folded to lower case, records each change and nothing for no change', () =>
    withCaseWorld(async (w) => {
      const caseId = await w.send(customerProfile(), inboundMessage());
      await w.waitForStatus(caseId, 'queued');
      const h = w.caseHandle(caseId);
      // Any agent may tag a case they do not hold: a tag is a label, not an answer.
      const tagged = await h.executeUpdate(tagUpdate, {
        args: [{ agentId: 'ana', add: ['VIP', ' remboursement ', 'vip'] }],
      });
      expect(tagged.tags).toEqual(['vip', 'remboursement']);
      await h.executeUpdate(tagUpdate, { args: [{ agentId: 'bob', add: ['vip'] }] });
      await h.executeUpdate(claimUpdate, { args: [{ agentId: 'ana' }] });
      const after = await h.executeUpdate(tagUpdate, {
        args: [{ agentId: 'ana', add: ['litige'], remove: ['VIP'] }],
      });
      expect(after.tags).toEqual(['remboursement', 'litige']);
      expect((await h.query(caseStateQuery)).tags).toEqual(['remboursement', 'litige']);

      const events = await w.waitForEvents(caseId, 'tagged', 2);
      expect(events.map((e) => e.data)).toEqual([
        { agentId: 'ana', added: ['vip', 'remboursement'], removed: [] },
        { agentId: 'ana', added: ['litige'], removed: ['vip'] },
      ]);
    }));

  it('refuses a tag without who sets it, with a code the desk words', () =>
    withCaseWorld(async (w) => {
      const caseId = await w.send(customerProfile(), inboundMessage());
      await w.waitForStatus(caseId, 'queued');
      const refused = await w
        .caseHandle(caseId)
        .executeUpdate(tagUpdate, { args: [{ agentId: ' ', add: ['vip'] }] })
        .then(
          () => null,
          (err: unknown) => err,
        );
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      const details = (refused as WorkflowUpdateFailedError).cause as { details?: unknown[] };
      expect(details.details?.[0]).toEqual({ code: 'actor.missing', action: 'tag' });
      expect((await w.caseHandle(caseId).query(caseStateQuery)).tags).toEqual([]);
    }));
});
