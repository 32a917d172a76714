/** Where the IMAP intake reads: server, account and mailbox, from IMAP_URL. */
export interface ImapTarget {
  host: string;
  port: number;
  /** imaps: TLS from the start; imap: STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
}

/**
 * `imaps://user:pass@imap.example.com[:993][/Mailbox]`: user and password percent-encoded as in
 * any URL, the mailbox INBOX unless the path names another.
 */
export function imapTarget(url: string): ImapTarget {
  const u = new URL(url);
  const secure = u.protocol === 'imaps:';
  if (!secure && u.protocol !== 'imap:') throw new Error(`IMAP_URL must be imap:// or imaps://`);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
    mailbox: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX',
  };
}
