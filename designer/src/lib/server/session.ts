import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from 'mongodb';
export type { SessionUser } from '$lib/user';

export const sessionCookie = 'relais_session';
export const langCookie = 'relais_lang';
/** Sessions last a working week; signing in again renews them. */
export const sessionSeconds = 7 * 24 * 3600;

interface Payload {
  /** User id. */
  u: string;
  /** Expiry, seconds since the epoch. */
  e: number;
}

interface SettingDoc {
  _id: string;
  value: string;
}

let secret: Promise<Buffer> | undefined;

/**
 * The HMAC key: RELAIS_SESSION_SECRET when set, otherwise a random key created once and kept in
 * MongoDB, so sessions survive restarts and work across several designer processes.
 */
export function sessionSecret(db: Db): Promise<Buffer> {
  secret ??= (async () => {
    const fromEnv = process.env.RELAIS_SESSION_SECRET;
    if (fromEnv) return Buffer.from(fromEnv, 'utf8');
    const settings = db.collection<SettingDoc>('designerSettings');
    await settings.updateOne(
      { _id: 'sessionSecret' },
      { $setOnInsert: { value: randomBytes(32).toString('base64url') } },
      { upsert: true },
    );
    const doc = await settings.findOne({ _id: 'sessionSecret' });
    if (!doc) throw new Error('the session secret could not be stored');
    return Buffer.from(doc.value, 'base64url');
  })().catch((err: unknown) => {
    secret = undefined;
    throw err;
  });
  return secret;
}

const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest();

/** "payload.signature", both base64url; the payload only names the user and the expiry. */
export function signSession(key: Buffer, userId: string, now = Date.now()): string {
  const payload: Payload = { u: userId, e: Math.floor(now / 1000) + sessionSeconds };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

/** The user id of a well-signed, unexpired session cookie; null for anything else. */
export function verifySession(key: Buffer, cookie: string, now = Date.now()): string | null {
  const [body, signature, extra] = cookie.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = mac(key, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
    if (typeof payload.u !== 'string' || typeof payload.e !== 'number') return null;
    return payload.e * 1000 > now ? payload.u : null;
  } catch {
    return null;
  }
}
