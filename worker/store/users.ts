import bcrypt from 'bcryptjs';
import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { type Lang, LangSchema } from '../../rules/model/channel';
import {
  AgentSkillSchema,
  CapacitySchema,
  defaultCapacity,
} from '../../workflows/contracts/routing';
import { type Actor, requireManager } from '../rules/actor';
import { InvalidInputError, NotFoundError } from '../rules/errors';
import { zodProblems } from '../rules/zodProblems';
import { CatalogueAuditStore } from './catalogue/catalogueAudit';
import { auditNames } from './catalogue/auditNames';
import { describeChanges } from './catalogue/describeChanges';
import { insertOnce } from './mongo';
import { parseDoc, parseDocOrNull } from './parseDoc';
import { RoleSchema } from './role';
import { SessionStore } from './sessions';

export { RoleSchema, type Role } from './role';

/** How the router sees an agent: what they know, which queues they serve, how much they hold. */
export const RoutingProfileSchema = z.object({
  skills: z
    .array(AgentSkillSchema)
    .refine((skills) => new Set(skills.map((s) => s.skill)).size === skills.length, {
      message: 'each skill once',
    }),
  queues: z.array(z.string().min(1)).refine((q) => new Set(q).size === q.length, {
    message: 'each queue once',
  }),
  langs: z.array(LangSchema).min(1),
  capacity: CapacitySchema,
});
export type RoutingProfile = z.infer<typeof RoutingProfileSchema>;

/** What a user knows before a manager says more: nothing, in their own language. */
export const defaultRoutingProfile = (lang: Lang): RoutingProfile => ({
  skills: [],
  queues: [],
  langs: [lang],
  capacity: defaultCapacity,
});

const userFields = {
  _id: z.string().trim().min(1).max(100),
  name: z.string().trim().min(1).max(200),
  role: RoleSchema,
  lang: LangSchema,
  /** A disabled user cannot sign in; their name stays on what they did. */
  enabled: z.boolean().default(true),
  /** Absent from documents written before routing: read as the default profile. */
  routing: RoutingProfileSchema.optional(),
};
const withDefaults = <T extends { lang: Lang; routing?: RoutingProfile | undefined }>(
  user: T,
): T & { routing: RoutingProfile } => ({
  ...user,
  routing: user.routing ?? defaultRoutingProfile(user.lang),
});

export const UserDocSchema = z
  .object({ ...userFields, passwordHash: z.string() })
  .transform(withDefaults);
export type UserDoc = z.infer<typeof UserDocSchema>;
export const UserSchema = z.object(userFields).transform(withDefaults);
export type User = z.infer<typeof UserSchema>;
/** A user to create: `enabled` and `routing` may be left to their defaults. */
export type NewUser = z.input<typeof UserSchema>;

/** What a manager may change of a user; the id and password have their own ways. */
export const UserUpdateSchema = z.object({
  name: userFields.name,
  role: RoleSchema,
  lang: LangSchema,
  routing: RoutingProfileSchema,
});
export type UserUpdate = z.infer<typeof UserUpdateSchema>;

export const PasswordSchema = z.string().min(10, 'at least 10 characters').max(200);

const collection = 'users';

/** bcrypt cost 10: about 70 ms per check on a small server, 2^10 rounds per guess offline. */
const bcryptCost = 10;

let dummy: Promise<string> | undefined;
/** A hash of the same cost to compare against when the user does not exist. */
const dummyHash = () => (dummy ??= bcrypt.hash('relais-no-such-user', bcryptCost));

/** Designer users; passwords are stored as bcrypt hashes only. */
export class UserStore {
  readonly col: Collection<z.input<typeof UserDocSchema>>;
  private readonly audit: CatalogueAuditStore;
  private readonly sessions: SessionStore;

  constructor(private readonly db: Db) {
    this.col = db.collection(collection);
    this.audit = new CatalogueAuditStore(db);
    this.sessions = new SessionStore(db);
  }

  /** Without an audit entry: the seed and tests. Managers go through `createUser`. */
  async create(user: NewUser, password: string): Promise<boolean> {
    const passwordHash = await bcrypt.hash(password, bcryptCost);
    return insertOnce(this.col, { ...UserSchema.parse(user), passwordHash });
  }

  /** A manager creates a user with a first password; false when the id is taken. */
  async createUser(user: NewUser, password: string, actor: Actor): Promise<boolean> {
    const who = requireManager(actor, 'create users');
    const parsed = UserSchema.safeParse(user);
    if (!parsed.success) throw new InvalidInputError('invalid user', zodProblems(parsed.error));
    const secret = parsePassword(password);
    const created = await this.create(parsed.data, secret);
    if (created)
      await this.audit.append(
        who,
        'user',
        parsed.data._id,
        'create',
        describeChanges(null, parsed.data, await auditNames(this.db)),
      );
    return created;
  }

  /**
   * As slow for an unknown user as for a wrong password, so user names cannot be probed; a
   * disabled user gets the same null as a wrong password.
   */
  async verify(username: string, password: string): Promise<User | null> {
    const doc = parseDocOrNull(
      UserDocSchema,
      collection,
      await this.col.findOne({ _id: username }),
    );
    const matches = await bcrypt.compare(password, doc?.passwordHash ?? (await dummyHash()));
    if (!doc || !matches || !doc.enabled) return null;
    const { passwordHash: _hash, ...user } = doc;
    return user;
  }

  /** The user's own choice in the designer; not audited, as it changes nothing for others. */
  async setLang(username: string, lang: Lang): Promise<void> {
    await this.col.updateOne({ _id: username }, { $set: { lang } });
  }

  async get(username: string): Promise<User | null> {
    const doc = await this.col.findOne({ _id: username }, { projection: { passwordHash: 0 } });
    return parseDocOrNull(UserSchema, collection, doc);
  }

  /** Every user, disabled ones included, by id. */
  async list(): Promise<User[]> {
    const docs = await this.col
      .find({}, { projection: { passwordHash: 0 } })
      .sort({ _id: 1 })
      .toArray();
    return docs.map((doc) => parseDoc(UserSchema, collection, doc));
  }

  /** Disabling also ends the user's sessions, so it takes effect at once, not at next sign-in. */
  async setEnabled(id: string, enabled: boolean, actor: Actor): Promise<void> {
    const who = requireManager(actor, enabled ? 'enable users' : 'disable users');
    if (!enabled && id === who.id)
      throw new InvalidInputError('invalid change', [
        { path: 'enabled', message: 'managers cannot disable themselves' },
      ]);
    const before = await this.existing(id);
    if (before.enabled === enabled) return;
    await this.col.updateOne({ _id: id }, { $set: { enabled } });
    if (!enabled) await this.sessions.endAllOf(id);
    await this.audit.append(
      who,
      'user',
      id,
      enabled ? 'enable' : 'disable',
      describeChanges({ enabled: before.enabled }, { enabled }),
    );
  }

  /** The audit says that it happened, never the password nor its hash. */
  async resetPassword(id: string, password: string, actor: Actor): Promise<void> {
    const who = requireManager(actor, 'reset passwords');
    const secret = parsePassword(password);
    await this.existing(id);
    const passwordHash = await bcrypt.hash(secret, bcryptCost);
    await this.col.updateOne({ _id: id }, { $set: { passwordHash } });
    await this.sessions.endAllOf(id);
    await this.audit.append(who, 'user', id, 'reset-password', {
      fr: ['Mot de passe réinitialisé'],
      en: ['Password reset'],
    });
  }

  /** Name, role, language and routing profile; false when nothing changed (nothing audited). */
  async update(id: string, change: UserUpdate, actor: Actor): Promise<boolean> {
    const who = requireManager(actor, 'edit users');
    const parsed = UserUpdateSchema.safeParse(change);
    if (!parsed.success) throw new InvalidInputError('invalid user', zodProblems(parsed.error));
    if (id === who.id && parsed.data.role !== who.role)
      throw new InvalidInputError('invalid change', [
        { path: 'role', message: 'managers cannot change their own role' },
      ]);
    const before = await this.existing(id);
    const { name, role, lang, routing } = before;
    const diff = describeChanges(
      { name, role, lang, routing },
      parsed.data,
      await auditNames(this.db),
    );
    if (diff.en.length === 0) return false;
    await this.col.updateOne({ _id: id }, { $set: parsed.data });
    await this.audit.append(who, 'user', id, 'update', diff);
    return true;
  }

  private async existing(id: string): Promise<User> {
    const user = await this.get(id);
    if (!user) throw new NotFoundError(`user "${id}"`);
    return user;
  }
}

function parsePassword(password: unknown): string {
  const parsed = PasswordSchema.safeParse(password);
  if (!parsed.success)
    throw new InvalidInputError('invalid password', zodProblems(parsed.error, 'password'));
  return parsed.data;
}
