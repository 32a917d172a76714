import bcrypt from 'bcryptjs';
import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { insertOnce } from './mongo';
import { LangSchema, type Lang } from '../../rules/model/channel';
import { parseDocOrNull } from './parseDoc';

export const RoleSchema = z.enum(['manager', 'supervisor', 'agent']);
export type Role = z.infer<typeof RoleSchema>;

export const UserDocSchema = z.object({
  _id: z.string(),
  name: z.string(),
  role: RoleSchema,
  lang: LangSchema,
  passwordHash: z.string(),
});
export type UserDoc = z.infer<typeof UserDocSchema>;
const UserSchema = UserDocSchema.omit({ passwordHash: true });
export type User = z.infer<typeof UserSchema>;

const collection = 'users';

/** bcrypt cost 10: about 70 ms per check on a small server, 2^10 rounds per guess offline. */
const bcryptCost = 10;

let dummy: Promise<string> | undefined;
/** A hash of the same cost to compare against when the user does not exist. */
const dummyHash = () => (dummy ??= bcrypt.hash('relais-no-such-user', bcryptCost));

/** Designer users; passwords are stored as bcrypt hashes only. */
export class UserStore {
  readonly col: Collection<UserDoc>;

  constructor(db: Db) {
    this.col = db.collection<UserDoc>(collection);
  }

  async create(user: User, password: string): Promise<boolean> {
    const passwordHash = await bcrypt.hash(password, bcryptCost);
    return insertOnce(this.col, { ...user, passwordHash });
  }

  /** As slow for an unknown user as for a wrong password, so user names cannot be probed. */
  async verify(username: string, password: string): Promise<User | null> {
    const doc = parseDocOrNull(
      UserDocSchema,
      collection,
      await this.col.findOne({ _id: username }),
    );
    const matches = await bcrypt.compare(password, doc?.passwordHash ?? (await dummyHash()));
    if (!doc || !matches) return null;
    const { passwordHash: _hash, ...user } = doc;
    return user;
  }

  async setLang(username: string, lang: Lang): Promise<void> {
    await this.col.updateOne({ _id: username }, { $set: { lang } });
  }

  async get(username: string): Promise<User | null> {
    const doc = await this.col.findOne({ _id: username }, { projection: { passwordHash: 0 } });
    return parseDocOrNull(UserSchema, collection, doc);
  }
}
