import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../launcher/ports';
import { createActivities } from '../../worker/activities/createActivities';
import { SmtpEmailAdapter } from '../../worker/channels/smtpAdapter';
import { RuleProvider } from '../../worker/rules/ruleProvider';
import { buildChannelAdapters } from '../../worker/wiring';
import type { OutboundMessage } from '../../workflows/contracts/activities';
import { freshDatabase } from '../support/relaisWorker';
import { startSmtpInbox, type SmtpInbox } from '../support/smtpInbox';

let inbox: SmtpInbox;
let url: string;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  url = inbox.url;
});

afterAll(() => inbox?.close());

const message = (key: string): OutboundMessage => ({
  key,
  caseId: 'case-42',
  customerId: 'cust-1',
  channel: 'email',
  kind: 'acknowledgement',
  to: 'sam.taylor@example.com',
  lang: 'en',
  text: 'We will get back to you within 24 hours. Reference: CASE42.',
});

describe('email over SMTP', () => {
  it('sends the message with its subject, case header and a Message-ID from its key', async () => {
    const adapter = new SmtpEmailAdapter(
      createTransport(url),
      'Support <support@acme.test>',
      'acme.test',
    );
    const before = inbox.mails.length;
    await adapter.send(message('wf-1:send-acknowledgement:00001'));
    const mail = inbox.mails[before]!;
    expect(mail.from).toBe('support@acme.test');
    expect(mail.to).toEqual(['sam.taylor@example.com']);
    expect(mail.raw).toContain('Subject: We have received your request');
    expect(mail.raw).toContain('X-Relais-Case: case-42');
    expect(mail.raw).toContain('Message-ID: <wf-1%3Asend-acknowledgement%3A00001@acme.test>');
    expect(mail.raw).toContain('Reference: CASE42.');
  });

  it('refuses, without retrying, a message with no address', async () => {
    const adapter = new SmtpEmailAdapter(createTransport(url), 'a@acme.test', 'acme.test');
    await expect(adapter.send({ ...message('k'), to: null })).rejects.toMatchObject({
      type: 'NoAddress',
      nonRetryable: true,
    });
  });

  it('is what the activities use for email when SMTP_URL is set, once per key', async () => {
    const { mongo, stores } = await freshDatabase();
    const activities = createActivities({
      stores,
      rules: new RuleProvider(stores.ruleSets, 'default'),
      channels: buildChannelAdapters({ url, from: 'Relais <support@acme.test>' }),
    });
    const before = inbox.mails.length;
    await activities.sendMessage(message('wf-2:send-acknowledgement:00001'));
    await activities.sendMessage(message('wf-2:send-acknowledgement:00001'));
    expect(inbox.mails.length - before).toBe(1);
    // Channels without a provider still deliver to the outbox only.
    await activities.sendMessage({ ...message('wf-2:send-reply:00001'), channel: 'chat' });
    expect(inbox.mails.length - before).toBe(1);
    expect((await stores.outbox.forCase('case-42')).map((m) => m.status)).toEqual(['sent', 'sent']);
    expect(await stores.outbox.get('wf-2:send-acknowledgement:00001')).toMatchObject({
      attempts: 1,
    });
    await mongo.close();
  });

  it('does not flag a retry as a possible duplicate when the failed attempt reported its failure', async () => {
    const { mongo, stores } = await freshDatabase();
    const withRelay = (relay: string) =>
      createActivities({
        stores,
        rules: new RuleProvider(stores.ruleSets, 'default'),
        channels: buildChannelAdapters({ url: relay, from: 'Relais <support@acme.test>' }),
      });
    const key = 'wf-3:send-acknowledgement:00001';
    // Nothing listens there: the relay is down, the send fails and says so.
    const down = `smtp://127.0.0.1:${await freePort()}`;
    await expect(withRelay(down).sendMessage(message(key))).rejects.toThrow();
    expect(await stores.outbox.get(key)).toMatchObject({ status: 'pending', failedAttempts: 1 });
    const before = inbox.mails.length;
    await withRelay(url).sendMessage(message(key));
    expect(inbox.mails.length - before).toBe(1);
    const doc = await stores.outbox.get(key);
    expect(doc).toMatchObject({ status: 'sent', attempts: 2, failedAttempts: 1 });
    expect(doc?.possibleDuplicate).toBeUndefined();
    await mongo.close();
  });
});
