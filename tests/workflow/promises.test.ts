import { describe, expect, it } from 'vitest';
import { addBusinessMinutes } from '../../rules/calendar/businessHours';
import type { Calendar } from '../../rules/model/calendar';
import { claimUpdate, replyUpdate } from '../../workflows/contracts/case';
import { between, expectNear, hour, minute, withCaseWorld } from '../support/caseWorld';
import { customerProfile, inboundMessage } from '../support/messages';
import { publishWithResolutionTarget } from '../support/ruleSetTweaks';

describe('promises', () => {
  it('keeps the 48 h web-form promise when an agent answers in time: no escalation', () =>
    withCaseWorld(async (w) => {
      const customer = customerProfile();
      const caseId = await w.send(customer, inboundMessage());
      await w.waitForEvents(caseId, 'task-created');
      await w.sleep(30 * hour);
      const handle = w.caseHandle(caseId);
      await handle.executeUpdate(claimUpdate, { args: [{ agentId: 'ana' }] });
      await handle.executeUpdate(replyUpdate, {
        args: [{ agentId: 'ana', text: 'Nous corrigeons votre facture.' }],
      });
      const [met] = await w.waitForEvents(caseId, 'promise-met');
      expect(met!.data.marginMinutes).toBeGreaterThan(17 * 60);
      await w.sleep(30 * hour);
      await w.settled(caseId);
      const types = await w.types(caseId);
      expect(types).not.toContain('promise-breached');
      expect(types).not.toContain('escalated');
      const task = await w.stores.tasks.get(caseId);
      expect(task).toMatchObject({ status: 'assigned', escalationLevel: 0, dueAt: null });
    }));

  it('counts a business-hours promise across a weekend and a holiday', async () => {
    let calendar: Calendar | undefined;
    await withCaseWorld(
      async (w) => {
        // Postal mail: five business days (5 × 9 h) in the default rule set.
        const caseId = await w.send(customerProfile(), inboundMessage({ channel: 'mail' }));
        const state = await w.waitForStatus(caseId, 'queued');
        expect(state.decision?.promise).toMatchObject({
          businessHours: true,
          firstResponseMinutes: 5 * 9 * 60,
        });
        const expectedDue = addBusinessMinutes(calendar!, new Date(state.openedAt), 5 * 9 * 60);
        expect(state.dueAt).toBe(expectedDue.toISOString());
        await w.settled(caseId);
        // Five business days plus two holidays and a weekend: at least 8 calendar days.
        expect(between(state.openedAt, state.dueAt!)).toBeGreaterThan(7 * 24 * hour);
        const [ack] = await w.outbox(caseId);
        expect(ack?.text).toMatch(
          /Nous revenons vers vous au plus tard le \S+ \d+ \S+ à \d\dh\d\d\./,
        );

        await w.sleep(between(state.openedAt, state.dueAt!) - minute);
        await w.settled(caseId);
        expect(await w.types(caseId)).not.toContain('promise-breached');
        await w.sleep(2 * minute);
        const [breach] = await w.waitForEvents(caseId, 'promise-breached');
        expectNear(between(state.openedAt, breach!.at), between(state.openedAt, state.dueAt!));
      },
      async (stores, env) => {
        // Holidays on the next two weekdays after the server's today, whatever day it is.
        const holidays: string[] = [];
        for (let d = new Date(await env.currentTimeMs()); holidays.length < 2;) {
          d = new Date(d.getTime() + 24 * hour);
          if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6)
            holidays.push(d.toISOString().slice(0, 10));
        }
        calendar = {
          id: 'default',
          name: 'Weekdays 9–18 with two holidays',
          timezone: 'Europe/Paris',
          weekly: Object.fromEntries(
            (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => [
              d,
              [{ start: '09:00', end: '18:00' }],
            ]),
          ),
          holidays,
        };
        await stores.calendars.save(calendar);
      },
    );
  });

  it('pauses the resolution clock while waiting on the customer and resumes on their reply', () =>
    withCaseWorld(
      async (w) => {
        const customer = customerProfile();
        const caseId = await w.send(customer, inboundMessage());
        const opened = await w.waitForStatus(caseId, 'queued');
        expect(opened.decision?.promise.resolutionMinutes).toBe(72 * 60);
        const handle = w.caseHandle(caseId);
        await w.sleep(1 * hour);
        await handle.executeUpdate(claimUpdate, { args: [{ agentId: 'ana' }] });
        const waiting = await handle.executeUpdate(replyUpdate, {
          args: [{ agentId: 'ana', text: 'Quel est le numéro de commande ?', awaitCustomer: true }],
        });
        expect(waiting.status).toBe('waiting-on-customer');
        await w.settled(caseId);
        const task = await w.stores.tasks.get(caseId);
        expect(task?.dueAt).toBeNull();

        // 100 h of silence from the customer: a 72 h resolution target would long be broken.
        await w.sleep(100 * hour);
        await w.settled(caseId);
        expect(await w.types(caseId)).not.toContain('promise-breached');

        await w.send(customer, inboundMessage({ channel: 'email', text: 'Commande 48213' }));
        const resumed = await w.waitForStatus(caseId, 'assigned');
        const resumedAt = (await w.waitForEvents(caseId, 'message-received'))[0]!.at;
        // 1 h was used before the pause (plus the few seconds of the reply): 71 h remain.
        expectNear(between(resumedAt, resumed.resolutionDueAt!), 71 * hour, 5 * minute);

        await w.sleep(72 * hour);
        const [breach] = await w.waitForEvents(caseId, 'promise-breached');
        expect(breach!.data.promise).toBe('resolution');
        expectNear(between(resumedAt, breach!.at), 71 * hour, 5 * minute);
      },
      publishWithResolutionTarget(72 * 60),
    ));
});
