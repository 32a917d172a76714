export interface AttachmentLimits {
  maxBytes: number;
  /** MIME types, `type/*` for a whole family. */
  types: string[];
}

export type AttachmentRefusal = 'too-large' | 'type-not-allowed';

const matches = (pattern: string, type: string): boolean =>
  pattern.endsWith('/*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type;

/** Why an attachment is not kept, or null when it is. */
export function attachmentRefusal(
  attachment: { size: number; contentType: string },
  limits: AttachmentLimits,
): AttachmentRefusal | null {
  if (attachment.size > limits.maxBytes) return 'too-large';
  const type = attachment.contentType.toLowerCase();
  if (!limits.types.some((p) => matches(p.toLowerCase(), type))) return 'type-not-allowed';
  return null;
}
