import { acceptMail, type MailIntakeDeps } from './acceptMail';
import { listenSmtp, smtpError, type SmtpListener } from './smtpListener';

/** The worker's SMTP receiver: every mail it accepts is in a case, or recorded as automatic. */
export function startSmtpReceiver(opts: {
  host: string;
  port: number;
  maxBytes: number;
  deps: () => MailIntakeDeps;
  log: (line: string) => void;
}): Promise<SmtpListener> {
  return listenSmtp({
    host: opts.host,
    port: opts.port,
    maxBytes: opts.maxBytes,
    name: 'relais',
    log: opts.log,
    onMail: async (raw, session) => {
      const outcome = await acceptMail(opts.deps(), raw, {
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
      });
      if (!outcome.accepted) throw smtpError(outcome.code, outcome.message);
    },
  });
}
