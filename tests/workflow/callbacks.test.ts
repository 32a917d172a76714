import { describe, expect, it } from 'vitest';
import { callbackOutcomeUpdate, scheduleCallbackUpdate } from '../../workflows/contracts/case';
import { defaultCallbackPolicy } from '../../workflows/blocks/callbackPolicy';
import { between, expectNear, minute, withCaseWorld } from '../support/caseWorld';
import { customerProfile, inboundMessage } from '../support/messages';
import { eventually } from '../support/relaisWorker';

const phone = '+33612345678';

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
