import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { hashSecret, newSecret } from './secretHash';

/** Sessions last a working week; signing in again starts a new one. */
export const sessionSeconds = 7 * 24 * 3600;

export const SessionDocSchema = z.object({
  /** SHA-256 of the session id: a copy of the database does not hand out live sessions. */
  _id: z.string(),
  userId: z.string(),
  createdAt: z.date(),
  expiresAt: z.date(),
});
export type SessionDoc = z.infer<typeof SessionDocSchema>;

/** Designer sign-ins, kept server-side so that signing out really ends them. */
export class SessionStore {
  private readonly col: Collection<SessionDoc>;

  constructor(db: Db) {
    this.col = db.collection<SessionDoc>('sessions');
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ expiresAt: 1 });
  }

  /** A new random session id for the user; the id itself is never stored. */
  async create(userId: string, now = new Date()): Promise<string> {
    // FerretDB has no TTL indexes: expired sessions go when new ones come.
    await this.col.deleteMany({ expiresAt: { $lte: now } });
    const id = newSecret('');
    await this.col.insertOne({
      _id: hashSecret(id),
      userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + sessionSeconds * 1000),
    });
    return id;
  }

  /** The user of a live session; null when unknown, ended or expired. */
  async userId(id: string, now = new Date()): Promise<string | null> {
    const doc = await this.col.findOne({ _id: hashSecret(id) });
    const parsed = SessionDocSchema.safeParse(doc);
    return parsed.success && parsed.data.expiresAt > now ? parsed.data.userId : null;
  }

  async end(id: string): Promise<void> {
    await this.col.deleteOne({ _id: hashSecret(id) });
  }

  /** Every session of a user: disabled, or their password was reset. */
  async endAllOf(userId: string): Promise<void> {
    await this.col.deleteMany({ userId });
  }
}
