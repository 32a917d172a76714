import type { Payload } from '@temporalio/common';
import { z } from 'zod';

/** A payload as the Temporal UI posts it to a codec endpoint: proto JSON, bytes in base64. */
const JsonPayloadSchema = z.object({
  metadata: z.record(z.string(), z.string()).nullish(),
  data: z.string().nullish(),
});
export const CodecRequestSchema = z.object({ payloads: z.array(JsonPayloadSchema) });
export type CodecRequest = z.infer<typeof CodecRequestSchema>;

const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));
const b64 = (b: Uint8Array | null | undefined) => Buffer.from(b ?? []).toString('base64');

export function payloadsFromJson(request: CodecRequest): Payload[] {
  return request.payloads.map((p) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, bytes(v)])),
    data: bytes(p.data ?? ''),
  }));
}

export function payloadsToJson(payloads: Payload[]): CodecRequest {
  return {
    payloads: payloads.map((p) => ({
      metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v)])),
      data: b64(p.data),
    })),
  };
}
