import { ImapFlow } from 'imapflow';
import { acceptMail, type MailIntakeDeps } from './acceptMail';
import { imapTarget, type ImapTarget } from './imapUrl';

export interface ImapPoller {
  close(): Promise<void>;
}

/** What one pass over the mailbox did. */
export interface ImapPass {
  taken: number;
  refused: number;
  /** Left unseen: read again at the next pass. */
  retried: number;
}

/** Without a MAIL FROM, a bounce shows as an empty Return-Path ("<>"). */
const returnPath = (raw: Buffer): string | undefined =>
  /^Return-Path:[ \t]*<([^>]*)>/im.exec(raw.subarray(0, 64 * 1024).toString('latin1'))?.[1];

/**
 * One pass: each unseen mail goes through the SMTP receiver's path (acceptMail). Only a mail
 * its case has, or recorded as automatic, is marked \Seen; one refused for good is \Seen and
 * \Flagged for a person to look at; any failure leaves it unseen, so the next pass retries it.
 * The source is read with BODY.PEEK, so reading it does not mark it seen.
 */
export async function pollMailbox(
  target: ImapTarget,
  deps: MailIntakeDeps,
  log: (line: string) => void,
): Promise<ImapPass> {
  const client = new ImapFlow({
    host: target.host,
    port: target.port,
    secure: target.secure,
    auth: { user: target.user, pass: target.pass },
    logger: false,
  });
  const pass: ImapPass = { taken: 0, refused: 0, retried: 0 };
  await client.connect();
  try {
    const lock = await client.getMailboxLock(target.mailbox);
    try {
      const unseen = (await client.search({ seen: false }, { uid: true })) || [];
      for (const uid of unseen) {
        const message = await client.fetchOne(
          String(uid),
          { source: true, envelope: true },
          { uid: true },
        );
        if (!message || !message.source) continue;
        const outcome = await acceptMail(deps, message.source, {
          from: returnPath(message.source) ?? message.envelope?.from?.[0]?.address ?? '',
          to: (message.envelope?.to ?? []).flatMap((a) => (a.address ? [a.address] : [])),
        }).catch((err: Error) => ({ accepted: false as const, code: 451, message: err.message }));
        if (outcome.accepted) {
          await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
          pass.taken++;
        } else if (outcome.code === 550) {
          await client.messageFlagsAdd(String(uid), ['\\Seen', '\\Flagged'], { uid: true });
          pass.refused++;
          log(`[mail] imap: mail ${uid} refused for good (${outcome.message}), flagged`);
        } else {
          pass.retried++;
          log(`[mail] imap: mail ${uid} not taken (${outcome.message}), left unseen to retry`);
        }
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return pass;
}

/**
 * Reads the IMAP_URL mailbox every `intervalSeconds` (README "Email in and out"), one pass at a
 * time; a server down is logged and tried again at the next pass.
 */
export function startImapPoller(opts: {
  url: string;
  intervalSeconds: number;
  deps: () => MailIntakeDeps;
  log: (line: string) => void;
}): ImapPoller {
  const target = imapTarget(opts.url);
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const next = () => {
    if (closed) return;
    current = pollMailbox(target, opts.deps(), opts.log)
      .catch((err: Error) => opts.log(`[mail] imap: ${target.host}: ${err.message}`))
      .finally(() => {
        if (!closed) timer = setTimeout(next, opts.intervalSeconds * 1000);
      });
  };
  next();
  return {
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await current;
    },
  };
}
