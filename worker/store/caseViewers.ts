import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { parseDoc } from './parseDoc';

/**
 * Who has a case open, and who is typing a reply in it. Kept in MongoDB rather than in one
 * designer's memory: several designer processes may serve the desk, and two agents on the same
 * case may be on different ones. An entry lives while its page keeps beating; it is read only
 * while unexpired, and expired ones are swept on each beat (no TTL index: FerretDB's support of
 * them is not something the project relies on).
 */
export const CaseViewerDocSchema = z.object({
  _id: z.string(),
  caseId: z.string(),
  userId: z.string(),
  expiresAt: z.date(),
  typingUntil: z.date().nullable(),
});
type CaseViewerDoc = z.infer<typeof CaseViewerDocSchema>;

/** A colleague on the case, as the page shows them. */
export const CaseViewerSchema = CaseViewerDocSchema.pick({ userId: true }).extend({
  typing: z.boolean(),
});
export type CaseViewer = z.infer<typeof CaseViewerSchema>;

const collection = 'caseViewers';
/** A page beats more often than this; a closed or crashed one leaves within it. */
export const viewerTtlMs = 30_000;
/** Typing shows this long after the last keystroke sent. */
export const typingTtlMs = 6_000;
/**
 * The chat visitor of the case among its viewers (only their typing is marked). User ids are
 * sign-in names such as `agent`; the `#` keeps this one apart from them.
 */
export const chatVisitorViewer = '#visitor';

export class CaseViewerStore {
  readonly col: Collection<CaseViewerDoc>;

  constructor(db: Db) {
    this.col = db.collection<CaseViewerDoc>(collection);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ caseId: 1 });
    await this.col.createIndex({ expiresAt: 1 });
  }

  /** `userId` still has the case open, and is typing if `typing`; a beat without typing keeps a typing mark to expire by itself. */
  async beat(caseId: string, userId: string, typing: boolean, now = new Date()): Promise<void> {
    const expiresAt = new Date(now.getTime() + viewerTtlMs);
    await this.col.updateOne(
      { _id: `${caseId}|${userId}` },
      {
        $set: {
          caseId,
          userId,
          expiresAt,
          ...(typing ? { typingUntil: new Date(now.getTime() + typingTtlMs) } : {}),
        },
        ...(typing ? {} : { $setOnInsert: { typingUntil: null } }),
      },
      { upsert: true },
    );
    await this.col.deleteMany({ expiresAt: { $lt: now } });
  }

  /** The page was left. */
  async leave(caseId: string, userId: string): Promise<void> {
    await this.col.deleteOne({ _id: `${caseId}|${userId}` });
  }

  /** Who is typing in the case now, with when they last typed (a mark lasts `typingTtlMs`). */
  async typists(caseId: string, now = new Date()): Promise<{ userId: string; typedAt: Date }[]> {
    const docs = await this.col
      .find({ caseId, typingUntil: { $gt: now } })
      .sort({ _id: 1 })
      .toArray();
    return docs
      .map((raw) => parseDoc(CaseViewerDocSchema, collection, raw))
      .map((doc) => ({
        userId: doc.userId,
        typedAt: new Date((doc.typingUntil?.getTime() ?? 0) - typingTtlMs),
      }));
  }

  /** Everyone with the case open now, but `exceptUserId`, in a stable order. */
  async viewers(caseId: string, exceptUserId: string, now = new Date()): Promise<CaseViewer[]> {
    const docs = await this.col
      .find({ caseId, expiresAt: { $gt: now } })
      .sort({ _id: 1 })
      .toArray();
    return docs
      .map((raw) => parseDoc(CaseViewerDocSchema, collection, raw))
      .filter((doc) => doc.userId !== exceptUserId)
      .map((doc) => ({
        userId: doc.userId,
        typing: doc.typingUntil !== null && doc.typingUntil > now,
      }));
  }
}
