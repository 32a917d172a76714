import { z } from 'zod';

export const defaultSmtpFrom = 'Relais <support@relais.local>';

/** Environment for the worker and the designer's server side; defaults match `npm start`. */
export const ConfigSchema = z.object({
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('relais'),
  /** Temporal Cloud API key; implies TLS. */
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  MONGODB_URI: z.string().min(1).default('mongodb://127.0.0.1:27017/relais'),
  /** SMTP relay for email, e.g. smtp://user:pass@mail.example.com:587; unset: outbox only. */
  SMTP_URL: z.string().min(1).optional(),
  SMTP_FROM: z.string().min(3).default(defaultSmtpFrom),
  /** When set, inbound webhooks must carry x-relais-signature: sha256=HMAC(secret, body). */
  RELAIS_INBOUND_SECRET: z.string().min(16).optional(),
});
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
