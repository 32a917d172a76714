/** Lower case without accents or ligatures, so "Résilier" and "resilier" compare equal. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae');
}

/** Words of a normalized text; apostrophes split ("l'avocat" → "l", "avocat"). */
export function words(text: string): string[] {
  return normalize(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

const memo = new Map<string, readonly string[]>();
const memoSize = 64;

/**
 * `words` remembered for the last few texts: one decision tests the same text against many
 * word lists, and splitting it once per decision instead of once per condition matters.
 */
export function wordsOf(text: string): readonly string[] {
  let found = memo.get(text);
  if (!found) {
    found = words(text);
    if (memo.size >= memoSize) memo.delete(memo.keys().next().value as string);
    memo.set(text, found);
  }
  return found;
}
