import { randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { hashSecret, newSecret } from './secretHash';

export const ApiScopeSchema = z.enum([
  'inbound:write',
  'cases:read',
  'tasks:read',
  'customers:export',
  'customers:erase',
]);
export type ApiScope = z.infer<typeof ApiScopeSchema>;
export const apiScopes = ApiScopeSchema.options;

export const ApiTokenNameSchema = z.string().trim().min(1).max(80);

export const ApiTokenDocSchema = z.object({
  /** SHA-256 of the token: the token itself is shown once, at creation, and never stored. */
  _id: z.string(),
  /** The public id that pages and the audit log use. */
  id: z.string(),
  name: ApiTokenNameSchema,
  /** The token's first characters, so that its owner can tell which one it is. */
  prefix: z.string(),
  scopes: z.array(ApiScopeSchema).min(1),
  createdAt: z.date(),
  createdBy: z.string(),
  revokedAt: z.date().nullable(),
  revokedBy: z.string().nullable(),
});
export type ApiTokenDoc = z.infer<typeof ApiTokenDocSchema>;
export type ApiToken = Omit<ApiTokenDoc, '_id'>;

const tokenPrefix = 'relais_';

const parse = (doc: unknown): ApiToken | null => {
  const parsed = ApiTokenDocSchema.safeParse(doc);
  if (!parsed.success) return null;
  const { _id: _hash, ...token } = parsed.data;
  return token;
};

/** Bearer tokens for the HTTP API, each limited to its scopes. */
export class ApiTokenStore {
  private readonly col: Collection<ApiTokenDoc>;

  constructor(db: Db) {
    this.col = db.collection<ApiTokenDoc>('apiTokens');
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ id: 1 }, { unique: true });
  }

  /** A new token: the plain value is in the answer and nowhere else. */
  async create(input: {
    name: string;
    scopes: readonly ApiScope[];
    createdBy: string;
  }): Promise<{ token: string; info: ApiToken }> {
    const token = newSecret(tokenPrefix);
    const doc = ApiTokenDocSchema.parse({
      _id: hashSecret(token),
      id: randomUUID(),
      name: input.name,
      prefix: token.slice(0, tokenPrefix.length + 4),
      scopes: [...new Set(input.scopes)],
      createdAt: new Date(),
      createdBy: input.createdBy,
      revokedAt: null,
      revokedBy: null,
    });
    await this.col.insertOne(doc);
    return { token, info: parse(doc)! };
  }

  /** The live token a bearer value stands for; null when unknown or revoked. */
  async find(token: string): Promise<ApiToken | null> {
    if (!token.startsWith(tokenPrefix)) return null;
    const found = parse(await this.col.findOne({ _id: hashSecret(token) }));
    return found && !found.revokedAt ? found : null;
  }

  /** Newest first, revoked ones included. */
  async list(): Promise<ApiToken[]> {
    const docs = await this.col.find({}).sort({ createdAt: -1 }).toArray();
    return docs.flatMap((d) => parse(d) ?? []);
  }

  /** The token as this call revoked it; null when unknown or already revoked. */
  async revoke(id: string, by: string): Promise<ApiToken | null> {
    const result = await this.col.findOneAndUpdate(
      { id, revokedAt: null },
      { $set: { revokedAt: new Date(), revokedBy: by } },
      { returnDocument: 'after' },
    );
    return parse(result);
  }

  async hasLive(): Promise<boolean> {
    return (await this.col.countDocuments({ revokedAt: null }, { limit: 1 })) > 0;
  }
}
