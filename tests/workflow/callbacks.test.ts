import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import {
  callbackOutcomeUpdate,
  claimUpdate,
  resolveUpdate,
  scheduleCallbackUpdate,
} from '../../workflows/contracts/case';
import { defaultCallbackPolicy } from '../../workflows/blocks/callbackPolicy';
import {
  between,
  expectNear,
  hour,
  minute,
  withCaseWorld,
  type CaseWorld,
} from '../support/caseWorld';
import { customerProfile, inboundMessage } from '../support/messages';
import { eventually } from '../support/relaisWorker';

const phone = '+33612345678';
const day = 24 * hour;

/** An email case of a customer with a phone, claimed by ana, with a callback due in 2 h. */
async function caseWithCallback(w: CaseWorld, customer = customerProfile({ phone })) {
  const caseId = await w.send(customer, inboundMessage({ channel: 'email' }));
  await w.waitForStatus(caseId, 'queued');
  const h = w.caseHandle(caseId);
  const at = new Date((await w.env.currentTimeMs()) + 2 * hour).toISOString();
  const s = await h.executeUpdate(scheduleCallbackUpdate, {
    args: [{ agentId: 'ana', at, reason: 'customer prefers a call' }],
  });
  await h.executeUpdate(claimUpdate, { args: [{ agentId: 'ana' }] });
  const callbackId = s.callbacks[0]!.callbackId;
  return { caseId, h, customer, callbackId, taskId: `${caseId}:callback:${callbackId}` };
}

describe('callbacks', () => {
  it('creates the callback a caller asks for, retries it when missed, then escalates', () =>
    withCaseWorld(async (w) => {
      const caseId = await w.send(
        customerProfile({ phone, email: null }),
        inboundMessage({ channel: 'phone', callbackRequested: true, subject: null }),
      );
      const [scheduled] = await w.waitForEvents(caseId, 'callback-scheduled');
      const callbackId = scheduled!.data.callbackId as string;
      const task = await eventually(
        () => w.stores.tasks.get(`${caseId}:callback:${callbackId}`),
        'the callback task',
      );
      expect(task).toMatchObject({ kind: 'callback', status: 'queued' });

      // Attempt 1: nobody reports an outcome, so it counts as missed after 15 min.
      await w.sleep(defaultCallbackPolicy.missedAfterMinutes * minute + minute);
      const [missed] = await w.waitForEvents(caseId, 'callback-missed');
      expect(missed!.data).toMatchObject({ attempt: 1, why: 'not-reported' });
      expectNear(between(scheduled!.at, missed!.data.nextAt as string), 46 * minute, 2 * minute);

      // Attempt 2: the agent calls and nobody answers.
      await w.sleep(30 * minute);
      await w.caseHandle(caseId).executeUpdate(callbackOutcomeUpdate, {
        args: [{ agentId: 'ana', callbackId, outcome: 'no-answer' }],
      });
      await w.waitForEvents(caseId, 'callback-missed', 2);

      // Attempt 3 is missed too: the policy's attempts are used up.
      await w.sleep(60 * minute);
      const [failed] = await w.waitForEvents(caseId, 'callback-failed');
      expect(failed!.data).toMatchObject({ callbackId, attempts: 3 });
      const state = await w.state(caseId);
      expect(state.escalationLevel).toBeGreaterThanOrEqual(1);
      const notes = await w.stores.notifications.forCase(caseId);
      expect(notes.map((n) => n.text).join()).toContain(`Callback ${callbackId}`);
      const closedTask = await eventually(async () => {
        const t = await w.stores.tasks.get(`${caseId}:callback:${callbackId}`);
        return t?.status === 'closed' && t;
      }, 'the callback task to close');
      expect(closedTask.dueAt).toBeNull();
    }));

  it('counts a reached callback as the first response', () =>
    withCaseWorld(async (w) => {
      const caseId = await w.send(customerProfile({ phone }), inboundMessage({ channel: 'email' }));
      await w.waitForStatus(caseId, 'queued');
      const h = w.caseHandle(caseId);
      const at = new Date((await w.env.currentTimeMs()) + 2 * 3600_000).toISOString();
      const s = await h.executeUpdate(scheduleCallbackUpdate, {
        args: [{ agentId: 'ana', at, reason: 'customer prefers a call at 2 pm' }],
      });
      const callbackId = s.callbacks[0]!.callbackId;
      expect(s.callbacks[0]!.dueAt).toBe(at);
      await h.executeUpdate(callbackOutcomeUpdate, {
        args: [{ agentId: 'ana', callbackId, outcome: 'reached' }],
      });
      const state = await w.state(caseId);
      expect(state.firstResponseAt).not.toBeNull();
      expect(await w.types(caseId)).toEqual(
        expect.arrayContaining(['callback-completed', 'promise-met']),
      );
    }));

  it('refuses a callback for a customer without a phone number', () =>
    withCaseWorld(async (w) => {
      const caseId = await w.send(customerProfile(), inboundMessage());
      await w.waitForStatus(caseId, 'queued');
      await expect(
        w.caseHandle(caseId).executeUpdate(scheduleCallbackUpdate, {
          args: [{ agentId: 'ana', at: null, reason: 'asap' }],
        }),
      ).rejects.toThrow();
    }));
});

describe('callbacks of a resolved case', () => {
  it('cancels pending callbacks on resolve by default; none stays queued or fires later', () =>
    withCaseWorld(async (w) => {
      const { caseId, h, customer, callbackId, taskId } = await caseWithCallback(w);
      const resolved = await h.executeUpdate(resolveUpdate, {
        args: [{ agentId: 'ana', reason: 'fixed by email' }],
      });
      expect(resolved.callbacks[0]!.status).toBe('cancelled');
      const [cancelled] = await w.waitForEvents(caseId, 'callback-cancelled');
      expect(cancelled!.data).toEqual({ callbackId, why: 'resolved' });
      expect(await w.stores.tasks.get(taskId)).toMatchObject({ status: 'closed', dueAt: null });

      // The customer answers the survey, the case closes, and the reopen window runs out well
      // past the callback's due time: the workflow ends, so every write it made is in.
      await w.send(customer, inboundMessage({ channel: 'email', text: '5', surveyScore: 5 }));
      await w.waitForStatus(caseId, 'closed');
      await w.sleep(8 * day);
      await h.result();
      const types = await w.types(caseId);
      for (const late of ['callback-missed', 'callback-failed', 'callback-completed'])
        expect(types).not.toContain(late);
      expect(types.filter((t) => t === 'callback-cancelled')).toHaveLength(1);
      const open = (await w.stores.tasks.forCase(caseId)).filter((t) => t.status !== 'closed');
      expect(open).toEqual([]);
    }));

  it('keeps pending callbacks when the agent asks, until the case closes', () =>
    withCaseWorld(async (w) => {
      const { caseId, h, customer, callbackId, taskId } = await caseWithCallback(w);
      const resolved = await h.executeUpdate(resolveUpdate, {
        args: [{ agentId: 'ana', reason: 'will confirm by phone', pendingCallbacks: 'keep' }],
      });
      expect(resolved.callbacks[0]!.status).toBe('scheduled');
      expect(await w.stores.tasks.get(taskId)).toMatchObject({ status: 'queued' });
      expect(await w.types(caseId)).not.toContain('callback-cancelled');

      await w.send(customer, inboundMessage({ channel: 'email', text: '5', surveyScore: 5 }));
      await w.waitForStatus(caseId, 'closed');
      const [cancelled] = await w.waitForEvents(caseId, 'callback-cancelled');
      expect(cancelled!.data).toEqual({ callbackId, why: 'closed' });
      const task = await eventually(async () => {
        const t = await w.stores.tasks.get(taskId);
        return t?.status === 'closed' && t;
      }, 'the kept callback task to close');
      expect(task.dueAt).toBeNull();
    }));

  it('refuses a callback time in the past with its code, instead of calling "now"', () =>
    withCaseWorld(async (w) => {
      const caseId = await w.send(customerProfile({ phone }), inboundMessage());
      await w.waitForStatus(caseId, 'queued');
      const at = new Date((await w.env.currentTimeMs()) - 10 * minute).toISOString();
      const refused = await w
        .caseHandle(caseId)
        .executeUpdate(scheduleCallbackUpdate, {
          args: [{ agentId: 'ana', at, reason: 'yesterday evening' }],
        })
        .then(
          () => null,
          (err: unknown) => err,
        );
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = (refused as WorkflowUpdateFailedError).cause;
      expect(cause).toBeInstanceOf(ApplicationFailure);
      expect((cause as ApplicationFailure).details).toEqual([
        { code: 'callback.inPast', at, now: expect.any(String) },
      ]);
      expect((await w.state(caseId)).callbacks).toEqual([]);
    }));
});

describe('waits on live channels', () => {
  it('offers a callback past the chat target, then records the abandonment and calls back', () =>
    withCaseWorld(async (w) => {
      const caseId = await w.send(
        customerProfile({ phone }),
        inboundMessage({ channel: 'chat', subject: null, text: 'Bonjour, une question ?' }),
      );
      const opened = await w.waitForStatus(caseId, 'queued');
      expect(opened.decision?.promise.firstResponseMinutes).toBe(1);
      await w.sleep(2 * minute);
      const [offered] = await w.waitForEvents(caseId, 'callback-offered');
      expectNear(between(opened.openedAt, offered!.at), 1 * minute, 2000);
      const offer = (await w.outbox(caseId)).find((m) => m.kind === 'callback-offer');
      expect(offer).toMatchObject({ channel: 'chat' });
      expect(offer?.text).toContain('rappelé');

      await w.leave(caseId, 'chat');
      const [abandoned] = await w.waitForEvents(caseId, 'abandoned');
      expect(abandoned!.data.channel).toBe('chat');
      const [callback] = await w.waitForEvents(caseId, 'callback-scheduled');
      expect(callback!.data.reason).toContain('left the chat');
      expect((await w.state(caseId)).abandoned).toBe(true);
    }));
});
