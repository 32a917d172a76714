import { describe, expect, it } from 'vitest';
import { formatDate } from '../../../designer/src/lib/format';
import { wordRefusal } from '../../../designer/src/lib/refusals';
import { RefusalSchema } from '../../../workflows/contracts/refusals';

describe('refusals the workflows code, as the agent reads them', () => {
  const refusal = RefusalSchema.parse({
    code: 'callback.inPast',
    at: '2026-11-20T08:30:00.000Z',
    now: '2026-11-20T10:00:00.000Z',
  });

  it('words a callback time in the past in French and in English, with the time', () => {
    expect(wordRefusal(refusal, 'fr')).toBe(
      `l’heure du rappel (${formatDate(refusal.at, 'fr')}) est déjà passée : choisissez une heure plus tardive, ou laissez vide pour rappeler dès que possible.`,
    );
    expect(wordRefusal(refusal, 'en')).toContain(
      `(${formatDate(refusal.at, 'en')}) has already passed`,
    );
  });

  it('accepts only known codes with their parameters', () => {
    expect(RefusalSchema.safeParse({ code: 'callback.inPast', at: 'yesterday' }).success).toBe(
      false,
    );
    expect(RefusalSchema.safeParse({ code: 'unknown' }).success).toBe(false);
  });
});
