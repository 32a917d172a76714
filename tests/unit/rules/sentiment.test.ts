import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreText } from '../../../rules/facts/sentiment';

describe('scoreText', () => {
  it('scores English with AFINN, including negation', () => {
    expect(
      scoreText('Love the new app, checkout is so much faster!', 'en').sentiment,
    ).toBeGreaterThan(0.3);
    expect(scoreText('This is terrible and useless', 'en').sentiment).toBeLessThan(-0.3);
    expect(scoreText('This is good', 'en').sentiment).toBeGreaterThan(0);
    expect(scoreText('This is not good', 'en').sentiment).toBeLessThan(0);
  });

  it('scores French with our lexicon, ignoring accents, with negation', () => {
    expect(scoreText('Très content, livraison rapide, merci !', 'fr').sentiment).toBeGreaterThan(
      0.3,
    );
    expect(scoreText('Colis abîmé, service nul, je suis déçu.', 'fr').sentiment).toBeLessThan(-0.3);
    expect(scoreText('Je ne suis pas content', 'fr').sentiment).toBeLessThan(0);
    expect(scoreText('DÉÇU', 'fr')).toEqual(scoreText('decu', 'fr'));
  });

  it('is neutral on neutral or empty text', () => {
    expect(scoreText('', 'fr')).toEqual({ sentiment: 0, angerScore: 0, matchedKeywords: [] });
    expect(scoreText('Quelle est la référence de la lampe ?', 'fr').angerScore).toBe(0);
  });

  it('finds our anger keywords on word boundaries, whatever the case and accents', () => {
    expect(
      scoreText('Je vous mets en demeure, je saisirai le MÉDIATEUR.', 'fr').matchedKeywords,
    ).toEqual(['mise en demeure', 'médiateur']);
    expect(scoreText('I will involve my lawyer: formal complaint.', 'en').matchedKeywords).toEqual([
      'lawyer',
      'formal complaint',
    ]);
    expect(scoreText('Je souhaite un remboursement', 'fr').matchedKeywords).toEqual([
      'remboursement',
    ]);
    expect(scoreText('Un litige', 'fr').matchedKeywords).toEqual(['litige']);
    expect(scoreText('Les litiges', 'fr').matchedKeywords).toEqual(['litige']);
    // "courtesy" contains "court" but is not the word.
    expect(scoreText('Thanks for the courtesy', 'en').matchedKeywords).toEqual([]);
  });

  it('makes legal threats angrier than a plain refund request', () => {
    const refund = scoreText('Please refund the duplicate payment.', 'en').angerScore;
    const lawyer = scoreText(
      'Refund me or I will involve my lawyer. Unacceptable.',
      'en',
    ).angerScore;
    expect(lawyer).toBeGreaterThan(0.9);
    expect(refund).toBeLessThan(lawyer);
    expect(scoreText("C'est inadmissible, je vais résilier.", 'fr').angerScore).toBeGreaterThan(
      0.8,
    );
  });

  it('stays in range and is deterministic for any text (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.constantFrom('fr' as const, 'en' as const),
        (text, lang) => {
          const score = scoreText(text, lang);
          expect(score.sentiment).toBeGreaterThanOrEqual(-1);
          expect(score.sentiment).toBeLessThanOrEqual(1);
          expect(score.angerScore).toBeGreaterThanOrEqual(0);
          expect(score.angerScore).toBeLessThanOrEqual(1);
          expect(scoreText(text, lang)).toEqual(score);
        },
      ),
    );
  });

  it('never lowers anger when a keyword is added (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        fc.constantFrom('litige', 'lawyer', 'inadmissible'),
        (text, word) => {
          expect(scoreText(`${text} ${word}`, 'fr').angerScore).toBeGreaterThanOrEqual(
            scoreText(text, 'fr').angerScore,
          );
        },
      ),
    );
  });
});
