import { z } from 'zod';

/**
 * The erasure's payloads name the customer as `subject` and cases as `cases`, never as
 * `customerId` / `caseId`: the codec would encrypt a payload naming one customer with that
 * customer's key (worker/privacy/keyChoice.ts), and the erasure must still replay once the key is
 * destroyed. They hold ids and counts only, no personal data, under the system key.
 */
export const ErasureReasonSchema = z.enum(['request', 'retention']);
export type ErasureReason = z.infer<typeof ErasureReasonSchema>;

export const ErasureRequestSchema = z.object({
  /** The customer id. */
  subject: z.string().min(1),
  reason: ErasureReasonSchema,
  /** The manager's user id, or "retention" for the schedule. */
  requestedBy: z.string().min(1),
});
export type ErasureRequest = z.infer<typeof ErasureRequestSchema>;

/** What an erasure removes or anonymises, per collection, counted before anything changes. */
export const ErasureCountsSchema = z.object({
  customers: z.number().int().min(0),
  identityKeys: z.number().int().min(0),
  customerStats: z.number().int().min(0),
  timelineEvents: z.number().int().min(0),
  tasks: z.number().int().min(0),
  outbox: z.number().int().min(0),
  decisions: z.number().int().min(0),
  notifications: z.number().int().min(0),
  routingEvents: z.number().int().min(0),
  inboundMails: z.number().int().min(0),
  attachments: z.number().int().min(0),
  devMails: z.number().int().min(0),
  consents: z.number().int().min(0),
});
export type ErasureCounts = z.infer<typeof ErasureCountsSchema>;

export const ErasurePlanSchema = z.object({
  cases: z.array(z.string()),
  counts: ErasureCountsSchema,
});
export type ErasurePlan = z.infer<typeof ErasurePlanSchema>;

/** The proof of an erasure: what went and when, without a word of what it was. */
export const ErasureCertificateSchema = z.object({
  subject: z.string(),
  reason: ErasureReasonSchema,
  requestedBy: z.string(),
  requestedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  cases: z.number().int().min(0),
  workflowsClosed: z.number().int().min(0),
  counts: ErasureCountsSchema,
  dataKeyDestroyedAt: z.iso.datetime(),
});
export type ErasureCertificate = z.infer<typeof ErasureCertificateSchema>;

/** One run of the retention purge: its settings and what it found. */
export const RetentionInputSchema = z.object({
  months: z.number().int().min(1),
  attachmentDays: z.number().int().min(1),
  outboxBodyDays: z.number().int().min(1),
});
export type RetentionInput = z.infer<typeof RetentionInputSchema>;

export const RetentionReportSchema = z.object({
  /** Customers with no contact since `cutoff` and no open case. */
  inactive: z.array(z.string()),
  cutoff: z.iso.datetime(),
  attachments: z.number().int().min(0),
  outboxBodies: z.number().int().min(0),
});
export type RetentionReport = z.infer<typeof RetentionReportSchema>;

export interface ErasureActivities {
  erasureCertificate(subject: string): Promise<ErasureCertificate | null>;
  planErasure(subject: string): Promise<ErasurePlan>;
  /** Ends the customer's workflows and takes their cases out of the router; returns how many ended. */
  closeCustomerWorkflows(subject: string, cases: string[]): Promise<number>;
  /**
   * Takes the cases out of the router again and has it continue-as-new: its current run's
   * history holds the customer's hand-overs, which no replay could decode once the key is gone.
   */
  rollOverRouter(cases: string[]): Promise<void>;
  eraseStoredData(subject: string, cases: string[]): Promise<void>;
  destroyCustomerKey(subject: string): Promise<string>;
  writeErasureCertificate(certificate: ErasureCertificate): Promise<ErasureCertificate>;
  /** Retention: what would go at `now` (ISO); the short retentions are applied unless dryRun. */
  retentionSweep(input: RetentionInput, now: string, dryRun: boolean): Promise<RetentionReport>;
}
