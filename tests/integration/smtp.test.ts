import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../launcher/ports';
import { createActivities } from '../../worker/activities/createActivities';
import { SmtpEmailAdapter } from '../../worker/channels/smtpAdapter';
import { RuleProvider } from '../../worker/rules/ruleProvider';
import { buildChannelAdapters } from '../../worker/wiring';
import type { OutboundMessage } from '../../workflows/contracts/activities';
import { freshDatabase } from '../support/relaisWorker';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps what it receives. */
let server: SMTPServer;
let url: string;
const inbox: Received[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  url = `smtp://127.0.0.1:${port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

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
    const before = inbox.length;
    await adapter.send(message('wf-1:send-acknowledgement:00001'));
    const mail = inbox[before]!;
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
    const before = inbox.length;
    await activities.sendMessage(message('wf-2:send-acknowledgement:00001'));
    await activities.sendMessage(message('wf-2:send-acknowledgement:00001'));
    expect(inbox.length - before).toBe(1);
    // Channels without a provider still deliver to the outbox only.
    await activities.sendMessage({ ...message('wf-2:send-reply:00001'), channel: 'chat' });
    expect(inbox.length - before).toBe(1);
    expect((await stores.outbox.forCase('case-42')).map((m) => m.status)).toEqual(['sent', 'sent']);
    await mongo.close();
  });
});
