import { toE164 } from './phone';

/**
 * Search keys: FerretDB 1.24 has no `$text` index and pushes neither regexes nor ranges down to
 * PostgreSQL, only equality, which a jsonb containment index serves even inside an array. So a
 * document carries the exact strings a search may ask for, each prefixed with its kind, and a
 * search asks for one of them by equality.
 */

/** Name words are found from this many letters on ("du" finds Dupont). */
const minPrefix = 2;
/** Longer prefixes add keys without narrowing a search any further. */
const maxPrefix = 16;
/** A case reference is found from its first four characters to all eight. */
const minRef = 4;
const refLength = 8;
/** The words of a long first message beyond these add little and weigh on every write. */
const maxCaseWords = 300;

/** Lower-cased, accents folded ("Éloïse" → "eloise"). */
export const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** The distinct folded words of a text, in order, one letter or digit run each. */
export function wordsOf(text: string): string[] {
  return [...new Set(fold(text).match(/[\p{L}\p{N}]+/gu) ?? [])];
}

/** The reference agents see for a case: the first eight characters of its id, upper-cased. */
export const caseRefOf = (caseId: string): string => caseId.slice(0, refLength).toUpperCase();

function prefixes(word: string, from: number, to: number): string[] {
  const out: string[] = [];
  for (let n = from; n <= Math.min(word.length, to); n += 1) out.push(word.slice(0, n));
  return out;
}

export interface SearchableCustomer {
  name: string | null;
  email: string | null;
  phone: string | null;
  handle: string | null;
}

/** A customer's keys: prefixes of the words of name, email local part and handle; the email, phone and handle whole. */
export function customerKeys(c: SearchableCustomer): string[] {
  const keys = new Set<string>();
  const nameWords = [c.name, c.email?.split('@')[0], c.handle].flatMap((t) => wordsOf(t ?? ''));
  for (const word of nameWords)
    for (const p of prefixes(word, minPrefix, maxPrefix)) keys.add(`n:${p}`);
  if (c.email) keys.add(`e:${c.email.trim().toLowerCase()}`);
  if (c.phone) keys.add(`p:${toE164(c.phone) ?? c.phone}`);
  if (c.handle) keys.add(`h:${fold(c.handle).replace(/^@/, '')}`);
  return [...keys];
}

export interface SearchableCase {
  caseId: string;
  subject: string | null;
  text: string | null;
}

/** A case's keys: its reference from four characters on, and the words of subject and text. */
export function caseKeys(c: SearchableCase): string[] {
  const ref = fold(caseRefOf(c.caseId));
  const words = wordsOf(`${c.subject ?? ''} ${c.text ?? ''}`)
    .filter((w) => w.length >= minPrefix)
    .slice(0, maxCaseWords);
  return [...prefixes(ref, minRef, refLength).map((p) => `r:${p}`), ...words.map((w) => `w:${w}`)];
}

/** What one search asks each collection: keys that must all be present, most selective first. */
export interface SearchQuery {
  customers: string[];
  cases: string[];
}

/**
 * The keys a query needs. An email, a phone number in any format or a handle is looked up
 * whole; otherwise every word must start a name word, or be a word of the case (or start its
 * reference).
 */
export function queryKeys(raw: string): SearchQuery {
  const q = raw.trim();
  if (q === '') return { customers: [], cases: [] };
  if (/^\S+@\S+\.\S+$/.test(q)) return { customers: [`e:${q.toLowerCase()}`], cases: [] };
  if (q.startsWith('@') && !/\s/.test(q))
    return { customers: [`h:${fold(q.slice(1))}`], cases: [] };
  const digits = q.replace(/\D/g, '');
  if (/^[\d\s().+-]+$/.test(q) && digits.length >= 6) {
    const phone = toE164(q);
    if (phone) return { customers: [`p:${phone}`], cases: [] };
  }
  const words = wordsOf(q).filter((w) => w.length >= minPrefix);
  const longestFirst = [...words].sort((a, b) => b.length - a.length);
  const ref = fold(q.replace(/^#/, ''));
  const isRef = /^[0-9a-f]+$/.test(ref) && ref.length >= minRef && ref.length <= refLength;
  return {
    customers: longestFirst.map((w) => `n:${w.slice(0, maxPrefix)}`),
    cases: isRef ? [`r:${ref}`] : longestFirst.map((w) => `w:${w}`),
  };
}
