import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** What the chat knows of a visitor between requests: their pre-chat form and their case. */
export const ChatVisitorSchema = z.object({
  id: z.uuid(),
  name: z.string().trim().min(1).max(200),
  email: z.email().max(254),
  category: z.string().max(100).nullable(),
  lang: z.enum(['fr', 'en']),
  /** Set by the first message, which opens (or threads into) the visitor's case. */
  caseId: z.string().max(200).nullable(),
});
export type ChatVisitor = z.infer<typeof ChatVisitorSchema>;

/** Signed with a purpose prefix, so the links' secret signs nothing a status link would accept. */
const mac = (secret: string, payload: string): Buffer =>
  createHmac('sha256', secret).update(`relais-chat-visitor:${payload}`).digest();

/** The visitor as a cookie value: `<base64url JSON>.<base64url HMAC>`. */
export function signVisitor(secret: string, visitor: ChatVisitor): string {
  const payload = Buffer.from(JSON.stringify(ChatVisitorSchema.parse(visitor))).toString(
    'base64url',
  );
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

/**
 * The visitor a cookie names, or null when it is missing, malformed or tampered with: any change
 * breaks the signature, and digests compare in constant time.
 */
export function verifyVisitor(secret: string, token: string | undefined): ChatVisitor | null {
  const match = /^([A-Za-z0-9_-]{1,3000})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!match) return null;
  const [, payload, sig] = match as unknown as [string, string, string];
  if (!timingSafeEqual(mac(secret, payload), Buffer.from(sig, 'base64url'))) return null;
  try {
    const parsed = ChatVisitorSchema.safeParse(
      JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
