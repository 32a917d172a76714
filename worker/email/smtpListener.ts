import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

/** An SMTP error the client acts on: 4xx try again later, 5xx give up. */
export function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

/** The mail of one DATA command: null when it was larger than `maxBytes`. */
function readMail(stream: SMTPServerDataStream): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.on('end', () => resolve(stream.sizeExceeded ? null : Buffer.concat(chunks)));
  });
}

/**
 * A plain SMTP server (`smtp-server`) on `host:port` (0: any free port) that hands each mail to
 * `onMail` and answers 250 only once it resolves; a thrown error with a responseCode is answered
 * with it, any other with 451 so that the sender keeps the mail and retries.
 */
export async function listenSmtp(opts: {
  host: string;
  port: number;
  maxBytes: number;
  name: string;
  onMail: (raw: Buffer, session: SMTPServerSession) => Promise<void>;
  log: (line: string) => void;
}): Promise<SmtpListener> {
  const server = new SMTPServer({
    name: opts.name,
    size: opts.maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      readMail(stream)
        .then(async (raw) => {
          if (!raw) throw smtpError(552, `message larger than ${opts.maxBytes} bytes`);
          await opts.onMail(raw, session);
          callback();
        })
        .catch((err: Error & { responseCode?: number }) => {
          if (!err.responseCode) opts.log(`[mail] ${opts.name}: ${err.message}`);
          callback(err.responseCode ? err : smtpError(451, 'temporary failure, try again later'));
        });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => opts.log(`[mail] ${opts.name}: ${err.message}`));
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
