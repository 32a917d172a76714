import { z } from 'zod';

/** A JSON value: what every stored field becomes in the export (dates as ISO strings). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };
const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(JsonValueSchema),
    z.record(z.string(), JsonValueSchema),
  ]),
);

/** One workflow event that carries payloads, decoded. */
export const ExportedEventSchema = z.object({
  eventId: z.number().int(),
  eventType: z.string(),
  time: z.iso.datetime().nullable(),
  /** The payloads' values; a payload whose data key is destroyed (erased) is null. */
  payloads: z.array(JsonValueSchema),
});

export const ExportedWorkflowSchema = z.object({
  workflowId: z.string(),
  runId: z.string(),
  workflowType: z.string(),
  status: z.string(),
  events: z.array(ExportedEventSchema),
  /** Payloads that could not be decrypted: their key was destroyed. */
  unreadable: z.number().int().min(0),
});
export type ExportedWorkflow = z.infer<typeof ExportedWorkflowSchema>;

/**
 * Everything Relais holds on one customer (GDPR art. 15 and 20): every MongoDB document that
 * names them, by collection, and what their Temporal workflows hold, decrypted.
 */
export const CustomerExportSchema = z.object({
  format: z.literal('relais.customer-export.v1'),
  exportedAt: z.iso.datetime(),
  customerId: z.string().min(1),
  mongo: z.record(z.string(), z.array(z.record(z.string(), JsonValueSchema))),
  temporal: z.array(ExportedWorkflowSchema),
});
export type CustomerExport = z.infer<typeof CustomerExportSchema>;
