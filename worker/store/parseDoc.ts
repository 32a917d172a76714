import { z } from 'zod';

/** A stored document that does not match its collection's schema. */
export class InvalidDocumentError extends Error {
  constructor(
    readonly collection: string,
    readonly id: unknown,
    readonly issues: z.core.$ZodIssue[],
  ) {
    const where = issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    super(`${collection} document ${String(id)} does not match its schema: ${where}`);
    this.name = 'InvalidDocumentError';
  }
}

/**
 * Where a MongoDB document enters the program: checked against its collection's zod schema, so
 * a hand-edited or older document fails here, with its collection and id, not deep in a workflow.
 */
export function parseDoc<T>(schema: z.ZodType<T>, collection: string, doc: unknown): T {
  const parsed = schema.safeParse(doc);
  if (parsed.success) return parsed.data;
  const id = typeof doc === 'object' && doc !== null ? (doc as { _id?: unknown })._id : undefined;
  throw new InvalidDocumentError(collection, id, parsed.error.issues);
}

/** `parseDoc` for a lookup that may find nothing. */
export function parseDocOrNull<T>(
  schema: z.ZodType<T>,
  collection: string,
  doc: unknown,
): T | null {
  return doc === null || doc === undefined ? null : parseDoc(schema, collection, doc);
}
