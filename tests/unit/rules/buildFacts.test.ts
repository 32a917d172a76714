import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { buildFacts, type FactsInput } from '../../../rules/facts/buildFacts';
import { FactsSchema } from '../../../rules/model/facts';

const input = (overrides: Partial<FactsInput['message']> = {}): FactsInput => ({
  message: {
    channel: 'email',
    previousChannel: 'phone',
    category: 'facturation',
    subject: 'Erreur sur ma facture',
    text: "C'est inadmissible, je veux un remboursement.",
    lang: 'fr',
    receivedAt: '2026-03-10T10:00:00.000Z',
    callbackRequested: false,
    ...overrides,
  },
  customer: { tier: 'premium', segment: 'B2C', lastCsat: 4 },
  history: { openCases: 1, contactsLast7Days: 2, channelSwitches: 1, minutesWaiting: 12 },
  withinBusinessHours: true,
});

describe('buildFacts', () => {
  it('maps every field and scores subject and text', () => {
    const facts = buildFacts(input());
    expect(FactsSchema.parse(facts)).toEqual(facts);
    expect(facts).toMatchObject({
      channel: 'email',
      previousChannel: 'phone',
      category: 'facturation',
      language: 'fr',
      customerTier: 'premium',
      customerSegment: 'B2C',
      openCases: 1,
      contactsLast7Days: 2,
      lastCsat: 4,
      withinBusinessHours: true,
      channelSwitches: 1,
      minutesWaiting: 12,
      callbackRequested: false,
      receivedAt: '2026-03-10T10:00:00.000Z',
      lastContactAt: null,
    });
    expect(facts.angerScore).toBeGreaterThan(0.6);
    expect(facts.sentiment).toBeLessThan(0);
  });

  it('is pure: same input, same facts', () => {
    expect(buildFacts(input())).toEqual(buildFacts(input()));
  });

  it('scores the subject too', () => {
    expect(
      buildFacts(input({ subject: 'Mise en demeure', text: 'Voir pièce jointe.' })).angerScore,
    ).toBe(1);
  });

  it('passes on the previous contact, which withinLast / olderThan rules compare to receivedAt', () => {
    const withHistory = input();
    withHistory.history.lastContactAt = '2026-03-10T09:30:00.000Z';
    expect(buildFacts(withHistory).lastContactAt).toBe('2026-03-10T09:30:00.000Z');
  });

  it('rejects facts outside FactsSchema', () => {
    const bad = input();
    bad.history.openCases = -1;
    expect(() => buildFacts(bad)).toThrow(ZodError);
  });
});
