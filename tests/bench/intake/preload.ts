import { randomUUID } from 'node:crypto';
import type { Db, Document } from 'mongodb';

/** The collections a contact leaves documents in, cloned by the preload. */
export const preloadCollections = [
  'customers',
  'customerKeys',
  'customerStats',
  'tasks',
  'events',
  'decisions',
  'decisionFacts',
  'outbox',
] as const;

export interface Template {
  customerId: string;
  caseId: string;
  replaceable: string[];
  docs: Record<string, Document[]>;
}

/**
 * The documents one real contact left in the store (customer, identity keys, counters, task,
 * timeline, decision, acknowledgement): cloned, they make stored contacts exactly as Relais
 * writes them, whatever their shapes are today.
 */
export async function readTemplate(
  db: Db,
  customerId: string,
  caseId: string,
  extra: string[],
): Promise<Template> {
  const docs: Record<string, Document[]> = {};
  for (const name of preloadCollections)
    docs[name] = await db
      .collection(name)
      .find({
        $or: [{ _id: customerId as unknown as Document['_id'] }, { customerId }, { caseId }],
      })
      .toArray();
  return { customerId, caseId, replaceable: extra, docs };
}

const isoTime = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** A copy of `value` with every id swapped and every time moved `shiftMs` into the past. */
export function cloneDoc(
  value: unknown,
  swaps: readonly [string, string][],
  shiftMs: number,
): unknown {
  if (value instanceof Date) return new Date(value.getTime() - shiftMs);
  if (typeof value === 'string') {
    if (isoTime.test(value)) return new Date(Date.parse(value) - shiftMs).toISOString();
    let out = value;
    for (const [from, to] of swaps) if (out.includes(from)) out = out.split(from).join(to);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => cloneDoc(v, swaps, shiftMs));
  if (value && typeof value === 'object' && value.constructor === Object)
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, cloneDoc(v, swaps, shiftMs)]),
    );
  return value;
}

const dayMs = 24 * 3600_000;

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );

/**
 * Adds contacts `from`…`to - 1` as clones of the template, `batch` customers per insertMany, each
 * a new customer whose contact is spread over the last 30 days. Returns the documents written.
 */
export async function preload(
  db: Db,
  template: Template,
  from: number,
  to: number,
  progress: (line: string) => void,
  batch = 2_000,
  chunk = 250,
): Promise<number> {
  let written = 0;
  const start = performance.now();
  let lastReport = start;
  for (let first = from; first < to; first += batch) {
    const byCollection: Record<string, Document[]> = {};
    for (let i = first; i < Math.min(first + batch, to); i += 1) {
      const swaps: [string, string][] = [
        [template.customerId, randomUUID()],
        [template.caseId, randomUUID()],
        ...template.replaceable.map((s): [string, string] => [s, `${s}-p${i}`]),
      ];
      const shift = ((i * 7919) % 30) * dayMs + ((i * 104_729) % dayMs);
      for (const [name, docs] of Object.entries(template.docs))
        for (const doc of docs)
          (byCollection[name] ??= []).push(cloneDoc(doc, swaps, shift) as Document);
    }
    // Chunks of every collection side by side: one insertMany at a time leaves the store idle
    // while the driver encodes, and each collection is its own table.
    await Promise.all(
      Object.entries(byCollection).flatMap(([name, docs]) =>
        chunks(docs, chunk).map(async (part) => {
          await db.collection(name).insertMany(part, { ordered: false });
          written += part.length;
        }),
      ),
    );
    const now = performance.now();
    if (now - lastReport > 5_000 || first + batch >= to) {
      const done = Math.min(first + batch, to);
      const rate = (done - from) / ((now - start) / 1000);
      progress(
        `preload ${done}/${to} contacts (${written} documents, ${rate.toFixed(0)} contacts/s)`,
      );
      lastReport = now;
    }
  }
  return written;
}
