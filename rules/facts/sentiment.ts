import Sentiment from 'sentiment';
import type { Lang } from '../model/channel';
import { PhraseMatcher } from '../text/PhraseMatcher';
import { words } from '../text/words';
import { frenchLabels, frenchNegators } from './frenchLexicon';
import { angerKeywords } from './keywords';

export interface TextScore {
  /** -1 (very negative) … 1 (very positive). */
  sentiment: number;
  /** 0 (calm) … 1 (angry, dispute, legal threat). */
  angerScore: number;
  /** Our anger/urgency keywords found in the text, by their canonical spelling. */
  matchedKeywords: string[];
}

const analyzer = new Sentiment();
analyzer.registerLanguage('fr', {
  labels: frenchLabels,
  scoringStrategy: {
    apply(tokens, cursor, score) {
      const negated = [tokens[cursor - 1], tokens[cursor - 2]].some(
        (token) => token !== undefined && frenchNegators.has(token),
      );
      return negated ? -score : score;
    },
  },
});

const keywordMatchers = angerKeywords.map((k) => ({ ...k, matcher: new PhraseMatcher(k.phrases) }));

/** VADER's normalisation: maps any sum of word scores onto (-1, 1), about ±0.5 at one strong word. */
const normalizeScore = (score: number) => score / Math.sqrt(score * score + 15);
/** How much negativity alone adds to anger: sad or disappointed is not yet angry. */
const negativityWeight = 0.4;
const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Deterministic lexicon scoring. English goes through AFINN (the `sentiment` package) with its own
 * negation handling; French through our lexicon on accent-free words. Anger combines the keyword
 * weights and the negativity as independent signals: 1 − Π(1 − wᵢ).
 */
export function scoreText(text: string, lang: Lang): TextScore {
  const input = lang === 'fr' ? words(text).join(' ') : text.replace(/[’‘]/g, "'");
  const sentiment = round(normalizeScore(analyzer.analyze(input, { language: lang }).score));
  const matched = keywordMatchers.filter((k) => k.matcher.matches(text));
  const calm = matched.reduce(
    (product, k) => product * (1 - k.weight),
    1 - negativityWeight * Math.max(0, -sentiment),
  );
  return {
    sentiment,
    angerScore: round(1 - calm),
    matchedKeywords: matched.map((k) => k.keyword),
  };
}
