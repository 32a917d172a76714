import { words, wordsOf } from './words';

interface Phrase {
  source: string;
  /** Each token is a whole word, or a prefix when it was written with a trailing `*`. */
  tokens: { text: string; prefix: boolean }[];
}

/**
 * Finds words and phrases in a text on word boundaries, ignoring case and accents.
 * "factur*" matches "facture" and "facturation"; "mise en demeure" matches the three words in a row.
 */
export class PhraseMatcher {
  private readonly phrases: Phrase[];
  /** Single whole words, the common case, checked with one set lookup per word of the text. */
  private readonly singleWords: ReadonlySet<string>;
  private readonly others: Phrase[];

  constructor(sources: readonly string[]) {
    this.phrases = sources
      .map((source) => ({
        source,
        tokens: source.split(/\s+/).flatMap((part) => {
          const prefix = part.endsWith('*');
          return words(prefix ? part.slice(0, -1) : part).map((text, i, all) => ({
            text,
            prefix: prefix && i === all.length - 1,
          }));
        }),
      }))
      .filter((phrase) => phrase.tokens.length > 0);
    const isSingleWord = (p: Phrase) => p.tokens.length === 1 && !p.tokens[0]?.prefix;
    this.singleWords = new Set(
      this.phrases.filter(isSingleWord).map((p) => p.tokens[0]?.text ?? ''),
    );
    this.others = this.phrases.filter((p) => !isSingleWord(p));
  }

  matches(text: string): boolean {
    const tokens = wordsOf(text);
    return (
      tokens.some((token) => this.singleWords.has(token)) ||
      this.others.some((phrase) => occursIn(phrase, tokens))
    );
  }

  /** The phrases found, as they were written, in the order they were given. */
  findAll(text: string): string[] {
    const tokens = wordsOf(text);
    return this.phrases.filter((phrase) => occursIn(phrase, tokens)).map((p) => p.source);
  }
}

function occursIn(phrase: Phrase, tokens: readonly string[]): boolean {
  const last = tokens.length - phrase.tokens.length;
  for (let start = 0; start <= last; start++) {
    if (phrase.tokens.every((t, i) => tokenMatches(t, tokens[start + i] as string))) return true;
  }
  return false;
}

function tokenMatches(token: Phrase['tokens'][number], word: string): boolean {
  return token.prefix ? word.startsWith(token.text) : word === token.text;
}
