import { describe, expect, it } from 'vitest';
import {
  caseRef,
  durationInWords,
  dueInWords,
  renderAcknowledgement,
} from '../../../workflows/lib/promiseWords';

describe('durationInWords', () => {
  it.each([
    [1, 'fr', '1 min'],
    [1, 'en', '1 minute'],
    [2, 'en', '2 minutes'],
    [60, 'fr', '1 h'],
    [60, 'en', '1 hour'],
    [1440, 'en', '24 hours'],
    [2880, 'fr', '48 h'],
    [2880, 'en', '48 hours'],
    [90, 'fr', '1.5 h'],
    [7 * 1440, 'fr', '7 jours'],
    [7 * 1440, 'en', '7 days'],
  ] as const)('%i min in %s is "%s"', (minutes, lang, words) => {
    expect(durationInWords(minutes, lang)).toBe(words);
  });
});

describe('dueInWords', () => {
  const due = new Date('2026-11-24T13:30:00Z');
  it('uses the customer timezone and language', () => {
    expect(dueInWords(due, 'Europe/Paris', 'fr')).toBe('mardi 24 novembre à 14h30');
    expect(dueInWords(due, 'America/New_York', 'en')).toBe('Tuesday 24 November at 08:30');
  });
});

describe('renderAcknowledgement', () => {
  const base = {
    name: 'Jean Dupont',
    timezone: 'Europe/Paris',
    firstResponseMinutes: 2880,
    businessHours: false,
    dueAt: new Date('2026-11-24T13:30:00Z'),
    caseRef: caseRef('a1b2c3d4-0000-4000-8000-000000000000'),
  };

  it('states a 48 h promise in French with the due date', () => {
    expect(renderAcknowledgement({ ...base, lang: 'fr' })).toBe(
      'Bonjour Jean Dupont, nous avons bien reçu votre demande. Nous revenons vers vous sous 48 h (au plus tard le mardi 24 novembre à 14h30). Référence : A1B2C3D4.',
    );
  });

  it('states it in English', () => {
    expect(renderAcknowledgement({ ...base, lang: 'en' })).toContain(
      "We'll get back to you within 48 hours (by Tuesday 24 November at 14:30)",
    );
  });

  it('gives only the date for business-hours promises', () => {
    const text = renderAcknowledgement({ ...base, lang: 'fr', businessHours: true });
    expect(text).toContain('au plus tard le mardi 24 novembre à 14h30');
    expect(text).not.toContain('sous');
  });
});
