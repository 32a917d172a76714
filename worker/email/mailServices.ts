import type { Client } from '@temporalio/client';
import type { Db } from 'mongodb';
import type { Config } from '../config';
import type { ThreadLookup } from '../channels/smtpAdapter';
import type { MailIntakeDeps } from './acceptMail';
import { startDevMailSink } from './devMailSink';
import { startImapPoller } from './imapPoller';
import { ensureMailIndexes, mailStores } from './mailStores';
import { outboundThread } from './outboundThread';
import { startSmtpReceiver } from './smtpReceiver';

export interface MailServices {
  /** Where outgoing mail goes without SMTP_URL: the dev sink, when it runs. */
  sinkUrl: string | undefined;
  /** Threading headers of outgoing mail, from the current database. */
  thread: ThreadLookup;
  /**
   * Starts the SMTP receiver, and the IMAP poller when IMAP_URL is set; a port in use is
   * reported, not fatal (the worker still works).
   */
  receive(client: Client): Promise<void>;
  close(): Promise<void>;
}

/**
 * The worker's email services (README "Email in and out"), on whichever database is current:
 * `db` is read only once mail flows, so this can start before MongoDB is connected.
 */
export async function startMailServices(
  config: Config,
  db: () => Db,
  log: (line: string) => void,
): Promise<MailServices> {
  /** What close() stops: the SMTP listeners and the IMAP poller. */
  const listeners: { close(): Promise<void> }[] = [];
  let sinkUrl: string | undefined;
  if (config.RELAIS_DEV_MAIL_SINK && !config.SMTP_URL) {
    const sink = await startDevMailSink({ port: config.RELAIS_DEV_MAIL_SINK_PORT ?? 0, db, log });
    listeners.push(sink);
    sinkUrl = `smtp://127.0.0.1:${sink.port}`;
    log(`[worker] outgoing mail goes to the dev mail sink (${sinkUrl}), read it at /dev/mail`);
  }
  let closed = false;
  let indexes: Promise<void> | undefined;
  // MongoDB may be down while the worker starts (it bundles workflows first): a mail
  // received meanwhile is answered 451 and retried by its sender, so wait for it here too.
  const ensureIndexesOnceUp = async () => {
    for (let delayMs = 1_000; !closed; delayMs = Math.min(delayMs * 2, 30_000)) {
      try {
        return await ensureMailIndexes(mailStores(db()));
      } catch (err) {
        log(`[worker] mail indexes not ensured yet (${(err as Error).message}); retrying`);
        await new Promise((r) => setTimeout(r, delayMs).unref());
      }
    }
  };
  return {
    sinkUrl,
    thread: (message, domain) => outboundThread(db(), message.caseId, domain, message.key),
    async receive(client) {
      const { RELAIS_SMTP_HOST: host, RELAIS_SMTP_PORT: port } = config;
      indexes ??= ensureIndexesOnceUp();
      const deps = (): MailIntakeDeps => ({
        db: db(),
        client,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        phoneCountry: config.RELAIS_PHONE_COUNTRY,
        maxInFlight: config.RELAIS_INBOUND_MAX_IN_FLIGHT,
        attachments: {
          maxBytes: config.RELAIS_MAIL_ATTACHMENT_MAX_BYTES,
          types: config.RELAIS_MAIL_ATTACHMENT_TYPES,
        },
      });
      if (config.IMAP_URL) {
        listeners.push(
          startImapPoller({
            url: config.IMAP_URL,
            intervalSeconds: config.RELAIS_IMAP_POLL_SECONDS,
            deps,
            log,
          }),
        );
        log(`[worker] receiving email from ${new URL(config.IMAP_URL).host} by IMAP`);
      }
      try {
        listeners.push(
          await startSmtpReceiver({
            host,
            port,
            maxBytes: config.RELAIS_MAIL_MAX_BYTES,
            log,
            deps,
          }),
        );
        log(`[worker] receiving email by SMTP on ${host}:${port}`);
      } catch (err) {
        log(
          `[worker] not receiving email: SMTP port ${host}:${port} unavailable ` +
            `(${(err as Error).message}); choose another with RELAIS_SMTP_PORT`,
        );
      }
    },
    close: async () => {
      closed = true;
      await Promise.all(listeners.map((l) => l.close()));
    },
  };
}
