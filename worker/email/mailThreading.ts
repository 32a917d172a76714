import { caseRef } from '../../workflows/lib/promiseWords';

/** The Message-ID of one outbox message: stable, so a resend after a crash carries the same. */
export const outboundMessageId = (key: string, domain: string): string =>
  `<${encodeURIComponent(key)}@${domain}>`;

/** The outbox key inside one of our Message-IDs, or null for an id that cannot be ours. */
export function outboxKeyOf(messageId: string): string | null {
  const local = /^<([^@<>\s]+)@[^<>\s]+>$/.exec(messageId.trim())?.[1];
  if (!local) return null;
  try {
    return decodeURIComponent(local);
  } catch {
    return null;
  }
}

/** The ids a reply names, the closest first: In-Reply-To, then References from the newest. */
export function referencedIds(
  inReplyTo: string | undefined,
  references: string | string[] | undefined,
): string[] {
  const refs = (Array.isArray(references) ? references : [references ?? ''])
    .flatMap((r) => r.match(/<[^<>\s]+>/g) ?? [])
    .reverse();
  const direct = inReplyTo?.match(/<[^<>\s]+>/g) ?? [];
  return [...new Set([...direct, ...refs])];
}

const refInSubject = /\[#([A-Z0-9]{8})\]/i;

/** The case reference a customer kept in the subject ("Re: … [#1A2B3C4D]"), or null. */
export const caseRefInSubject = (subject: string | undefined): string | null =>
  refInSubject.exec(subject ?? '')?.[1]?.toUpperCase() ?? null;

/** A subject that carries the case reference once, so the customer's reply brings it back. */
export function subjectWithRef(subject: string, caseId: string): string {
  const ref = caseRef(caseId);
  return refInSubject.test(subject) ? subject : `${subject} [#${ref}]`;
}

/** "Re:", "RE :", "Fwd:", "TR:", "AW:", "WG:" and the like, however many, at the start. */
const replyPrefixes = /^(?:\s*(?:re|fwd?|tr|aw|wg|sv|vs)\s*(?:\[\d+\])?\s*:)+\s*/i;

/**
 * The subject of our reply in a customer's mail thread: "Re: <their original subject>" with the
 * case reference once, never "Re: Re:" however often the thread went back and forth.
 */
export function replySubject(original: string, caseId: string): string {
  const bare = original
    .replace(replyPrefixes, '')
    .replace(new RegExp(refInSubject.source, 'gi'), '')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return subjectWithRef(bare ? `Re: ${bare}` : 'Re:', caseId);
}
