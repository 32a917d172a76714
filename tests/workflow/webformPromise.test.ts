import { describe, expect, it } from 'vitest';
import { between, expectNear, hour, withCaseWorld } from '../support/caseWorld';
import { customerProfile, inboundMessage } from '../support/messages';
import { eventually } from '../support/relaisWorker';

describe('web-form promise (48 h)', () => {
  it('acknowledges with the promise, then breaches at exactly 48 h and escalates in order', () =>
    withCaseWorld(async (w) => {
      const caseId = await w.send(customerProfile(), inboundMessage());
      const task = await eventually(() => w.stores.tasks.get(caseId), 'the task');
      expect(task).toMatchObject({ channel: 'webform', status: 'queued', escalationLevel: 0 });
      await w.settled(caseId);

      const [ack] = await w.outbox(caseId);
      expect(ack?.kind).toBe('acknowledgement');
      expect(ack?.text).toContain('Nous revenons vers vous sous 48 h');

      await w.sleep(47 * hour);
      await w.settled(caseId);
      expect(await w.types(caseId)).not.toContain('escalated');

      await w.sleep(3 * hour);
      const levels = await w.waitForEvents(caseId, 'escalated', 2);
      const events = await w.events(caseId);
      const at = (type: string) => events.find((e) => e.type === type)!.at;
      const opened = at('case-opened');
      expectNear(between(opened, at('promise-warning')), 0.8 * 48 * hour);
      expectNear(between(opened, at('promise-breached')), 48 * hour);
      expectNear(between(opened, levels[0]!.at), 48 * hour);
      expectNear(between(opened, levels[1]!.at), 49 * hour);
      expect(levels.map((e) => e.data.level)).toEqual([1, 2]);
      expect(await w.types(caseId)).toContain('supervisor-notified');

      const escalated = await eventually(async () => {
        const current = await w.stores.tasks.get(caseId);
        return current?.escalationLevel === 2 && current;
      }, 'the task projection to show level 2');
      expect(escalated.priority).toBeLessThan(task.priority);
      expect(escalated.queue).toBe('escalations');
    }));
});

describe('acknowledgement templates', () => {
  it("sends the manager's template for the channel and language, placeholders filled", () =>
    withCaseWorld(
      async (w) => {
        const caseId = await w.send(customerProfile({ name: 'Jean Dupont' }), inboundMessage());
        await w.waitForStatus(caseId, 'queued');
        await w.settled(caseId);
        const [ack] = await w.outbox(caseId);
        expect(ack?.text).toMatch(
          /^Jean Dupont, votre demande [0-9A-F]{8} est bien arrivée : réponse sous 48 h, au plus tard le \S+ \d+ \S+ à \d\dh\d\d\.$/,
        );
      },
      (stores) =>
        stores.templates.save({
          id: 'ack-default',
          name: 'Accusé de réception',
          variants: [
            { channel: 'email', lang: 'fr', text: 'Pas pour ce canal : {name}' },
            {
              channel: 'webform',
              lang: 'fr',
              text: '{name}, votre demande {ref} est bien arrivée : réponse sous {promise}, au plus tard le {due}.',
            },
          ],
        }),
    ));
});
