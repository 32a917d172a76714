import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from 'mongodb';
import { z } from 'zod';
import { ConsentChannelSchema, ConsentPurposeSchema } from '../../workflows/contracts/consent';
import { isDuplicateKey } from '../store/mongo';

/** What an unsubscribe link withdraws. */
export const UnsubscribeClaimSchema = z.object({
  customerId: z.string().min(1),
  channel: ConsentChannelSchema,
  purpose: ConsentPurposeSchema,
});
export type UnsubscribeClaim = z.infer<typeof UnsubscribeClaimSchema>;

const SecretDocSchema = z.object({ _id: z.string(), key: z.string() });
type SecretDoc = z.infer<typeof SecretDocSchema>;
const secretId = 'unsubscribe-link';

/**
 * The HMAC key of unsubscribe links, shared by the worker (which writes them) and the designer
 * (which checks them): generated once, by whichever asks first, and kept in MongoDB.
 */
export async function unsubscribeSecret(db: Db): Promise<Buffer> {
  const col = db.collection<SecretDoc>('privacySecrets');
  const found = await col.findOne({ _id: secretId });
  if (found) return Buffer.from(SecretDocSchema.parse(found).key, 'base64');
  try {
    await col.insertOne({ _id: secretId, key: randomBytes(32).toString('base64') });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  return unsubscribeSecret(db);
}

const mac = (secret: Buffer, body: string) =>
  createHmac('sha256', secret).update(body).digest('base64url');

/** "<claim>.<signature>", both base64url: safe in a URL path. */
export function signUnsubscribe(secret: Buffer, claim: UnsubscribeClaim): string {
  const body = Buffer.from(JSON.stringify(claim)).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

/** The claim of a genuine token; null for anything altered or malformed. */
export function verifyUnsubscribe(secret: Buffer, token: string): UnsubscribeClaim | null {
  const [body, signature, ...rest] = token.split('.');
  if (!body || !signature || rest.length > 0) return null;
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    return (
      UnsubscribeClaimSchema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString()))
        .data ?? null
    );
  } catch {
    return null;
  }
}
