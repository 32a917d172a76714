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
  const withNulls = restoreDroppedNulls(doc, parsed.error.issues);
  if (withNulls !== undefined) {
    const again = schema.safeParse(withNulls);
    if (again.success) return again.data;
  }
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

/**
 * FerretDB 1.x drops the null fields of a document written by an upsert with `$setOnInsert`, as
 * every store did before they switched to `insertOnce`: a copy of `doc` with null wherever an
 * issue points at a missing field, or undefined when no issue does. The schema then decides
 * whether null is acceptable there.
 */
function restoreDroppedNulls(doc: unknown, issues: z.core.$ZodIssue[]): unknown {
  if (typeof doc !== 'object' || doc === null) return undefined;
  const copy = structuredClone(doc) as Record<PropertyKey, unknown>;
  let restored = false;
  for (const { path } of issues) {
    let parent: unknown = copy;
    for (const key of path.slice(0, -1))
      parent =
        typeof parent === 'object' && parent !== null
          ? (parent as Record<PropertyKey, unknown>)[key]
          : undefined;
    const last = path.at(-1);
    if (last === undefined || typeof parent !== 'object' || parent === null) continue;
    const holder = parent as Record<PropertyKey, unknown>;
    if (holder[last] === undefined) {
      holder[last] = null;
      restored = true;
    }
  }
  return restored ? copy : undefined;
}
