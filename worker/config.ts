import { z } from 'zod';
import { defaultMaxInFlight } from './inbound/admission';
import { BridgesSchema } from './channels/bridgeContract';
import { defaultPhoneCountry, isPhoneCountry } from './store/phone';

export const defaultSmtpFrom = 'Relais <support@relais.local>';

const port = z.coerce.number().int().min(1).max(65_535);

/** What customers commonly attach: pictures, PDFs, text and office documents. */
const defaultAttachmentTypes = [
  'image/*',
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.*',
  'application/vnd.oasis.opendocument.*',
];

/** The embedded FerretDB's backend (README "Embedded store"). */
export const StoreEngineSchema = z.enum(['postgresql', 'sqlite']);
export type StoreEngine = z.infer<typeof StoreEngineSchema>;
/** PostgreSQL: FerretDB pushes filters down to it and its indexes serve them (README). */
export const defaultStoreEngine: StoreEngine = 'postgresql';

export const mongoUriFor = (mongoPort: number, db = 'relais') =>
  `mongodb://127.0.0.1:${mongoPort}/${db}`;

/**
 * The one configuration of `npm start`, the worker, the designer's server side and the CLIs:
 * each reads the environment through it, so they agree on ports and servers. The embedded
 * servers' ports give the default addresses; TEMPORAL_ADDRESS / MONGODB_URI name other servers.
 */
const EnvSchema = z.object({
  /** The designer's HTTP port (also what `npm run simulate` posts to). */
  PORT: port.default(3000),
  RELAIS_TEMPORAL_PORT: port.default(7233),
  RELAIS_TEMPORAL_UI_PORT: port.default(8233),
  RELAIS_MONGO_PORT: port.default(27017),
  /** The embedded PostgreSQL under FerretDB (engine postgresql). */
  RELAIS_POSTGRES_PORT: port.default(5433),
  RELAIS_STORE_ENGINE: StoreEngineSchema.default(defaultStoreEngine),
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('relais'),
  /** Temporal Cloud API key; implies TLS. */
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  MONGODB_URI: z.string().min(1).optional(),
  /** SMTP relay for email, e.g. smtp://user:pass@mail.example.com:587; unset: outbox only. */
  SMTP_URL: z.string().min(1).optional(),
  SMTP_FROM: z.string().min(3).default(defaultSmtpFrom),
  /** The worker's SMTP receiver for inbound email (README "Email in and out"). */
  RELAIS_SMTP_PORT: port.default(2525),
  RELAIS_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  /** A whole inbound mail larger than this is refused at the SMTP level (552). */
  RELAIS_MAIL_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(25 * 1024 * 1024),
  /** Attachments larger than this, or of another type, are refused; the mail is still taken. */
  RELAIS_MAIL_ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  RELAIS_MAIL_ATTACHMENT_TYPES: z
    .string()
    .default(defaultAttachmentTypes.join(','))
    .transform((v) =>
      v
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  /** A mailbox to take inbound email from, e.g. imaps://user:pass@imap.example.com/INBOX. */
  IMAP_URL: z.url({ protocol: /^imaps?$/ }).optional(),
  /** How often the IMAP mailbox is read for unseen mail. */
  RELAIS_IMAP_POLL_SECONDS: z.coerce.number().positive().default(30),
  /** "true" (npm start without SMTP_URL): outgoing mail goes to a local sink read at /dev/mail. */
  RELAIS_DEV_MAIL_SINK: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** The sink's port; unset: any free port (only the worker sends to it). */
  RELAIS_DEV_MAIL_SINK_PORT: port.optional(),
  /**
   * Provider bridges, JSON from channel to {"url", "secret"}: each message on those channels is
   * POSTed, signed, to its bridge (README "Outbound bridge"); unset: outbox only.
   */
  RELAIS_BRIDGES: z
    .string()
    .default('{}')
    .transform((v, ctx) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'expected a JSON object' });
        return z.NEVER;
      }
    })
    .pipe(BridgesSchema),
  /** TEST SEAM, never set in production: holds each send (worker/channels/holdAfterSend.ts). */
  RELAIS_TEST_HOLD_AFTER_SEND: z.string().min(1).optional(),
  /** When set, inbound webhooks may be signed: x-relais-signature over x-relais-timestamp and body. */
  RELAIS_INBOUND_SECRET: z.string().min(16).optional(),
  /** Country of inbound phone numbers written without their country code (ISO 3166, e.g. BE). */
  RELAIS_PHONE_COUNTRY: z
    .string()
    .refine(isPhoneCountry, 'expected a country code such as FR or BE')
    .default(defaultPhoneCountry),
  /**
   * Inbound contacts taken in at once by one designer process; more get a 429 with Retry-After.
   * The default keeps a 2-core machine at its intake capacity without queueing callers.
   */
  RELAIS_INBOUND_MAX_IN_FLIGHT: z.coerce.number().int().positive().default(defaultMaxInFlight),
  /** "true": inbound webhooks need neither token nor signature (a closed network only). */
  RELAIS_INBOUND_OPEN: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Workflows kept in the worker's sticky cache; unset: sized from RELAIS_WORKER_MEMORY_MB. */
  RELAIS_WORKER_CACHE: z.coerce.number().int().min(2).optional(),
  /** The worker's memory budget in MiB; unset: a quarter of the machine's (worker/workflowCache.ts). */
  RELAIS_WORKER_MEMORY_MB: z.coerce.number().int().min(64).optional(),
  /** AES-256 master key (base64, 32 bytes) wrapping the data keys of Temporal payloads. */
  RELAIS_MASTER_KEY: z.string().min(1).optional(),
  /** File holding the master key when RELAIS_MASTER_KEY is unset; default .data/master.key. */
  RELAIS_MASTER_KEY_FILE: z.string().min(1).optional(),
  /** Earlier master keys (base64, comma-separated), accepted while data keys are re-wrapped. */
  RELAIS_MASTER_KEY_PREVIOUS: z.string().min(1).optional(),
  /** MongoDB of the data keys, to keep them apart from the data; default MONGODB_URI. */
  RELAIS_DATA_KEYS_URI: z.string().min(1).optional(),
  /** The Temporal UI's origin, allowed to call the codec endpoint; default the dev server's UI. */
  RELAIS_CODEC_CORS_ORIGIN: z.string().min(1).optional(),
  /** Customers with no contact for this many months are erased by the retention schedule. */
  RELAIS_RETENTION_MONTHS: z.coerce.number().int().min(1).default(36),
  /** Email attachments are deleted this many days after their mail arrived. */
  RELAIS_ATTACHMENT_RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
  /** Sent messages lose their text this many days after they went out. */
  RELAIS_OUTBOX_BODY_RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
  /** Days the embedded Temporal keeps closed workflows (`npm start` sets its namespace's retention). */
  RELAIS_TEMPORAL_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  /** Signs customers' status links (README "Web form and status page"); unset: the file below. */
  RELAIS_LINK_SECRET: z.string().min(32).optional(),
  /** File holding the link secret when RELAIS_LINK_SECRET is unset; default .data/link.secret. */
  RELAIS_LINK_SECRET_FILE: z.string().min(1).optional(),
  /** Days a status link in an acknowledgement or survey stays valid. */
  RELAIS_LINK_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Where customers reach the designer, for the links we send; default http://localhost:PORT. */
  RELAIS_PUBLIC_URL: z.url().optional(),
  /** Web form submissions one address may make per hour (the honeypot catches the rest). */
  RELAIS_WEBFORM_PER_HOUR: z.coerce.number().int().min(1).default(10),
  /** Seconds a chat visitor may be gone, unanswered, before their case counts as abandoned. */
  RELAIS_CHAT_ABANDON_SECONDS: z.coerce.number().int().min(1).default(120),
  /** Session cookies with Secure; unset: when the designer's ORIGIN is https. */
  RELAIS_COOKIE_SECURE: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
});

export const ConfigSchema = EnvSchema.transform((env) => ({
  ...env,
  TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS ?? `127.0.0.1:${env.RELAIS_TEMPORAL_PORT}`,
  MONGODB_URI: env.MONGODB_URI ?? mongoUriFor(env.RELAIS_MONGO_PORT),
  RELAIS_PUBLIC_URL: env.RELAIS_PUBLIC_URL ?? `http://localhost:${env.PORT}`,
  /** Whether `npm start` runs Temporal and FerretDB itself, or uses the servers named. */
  embedded: { temporal: env.TEMPORAL_ADDRESS === undefined, mongo: env.MONGODB_URI === undefined },
}));
export type Config = z.infer<typeof ConfigSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return parsed.data;
}

/** Connection options shared by the worker's NativeConnection and the designer's client. */
export function temporalConnectionOptions(config: Config) {
  return {
    address: config.TEMPORAL_ADDRESS,
    tls: config.TEMPORAL_TLS || config.TEMPORAL_API_KEY !== undefined,
    ...(config.TEMPORAL_API_KEY ? { apiKey: config.TEMPORAL_API_KEY } : {}),
  };
}
