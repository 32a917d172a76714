import { randomUUID } from 'node:crypto';

/**
 * Letters only, since search splits words at digits: each of `n` places holds one of 16 letters,
 * so words made in the same database almost never share a prefix.
 */
export const uniqueLetters = (n = 10): string =>
  randomUUID()
    .replace(/-/g, '')
    .slice(0, n)
    .replace(/\d/g, (d) => String.fromCharCode(103 + Number(d)));
