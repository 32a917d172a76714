import { describe, expect, it } from 'vitest';
import { deskEn } from '../../../designer/src/lib/i18n/desk.en';
import { deskFr } from '../../../designer/src/lib/i18n/desk.fr';
import { RefusalSchema } from '../../../workflows/contracts/refusals';

describe('refusals the workflows code, as the agent reads them', () => {
  it('words a callback time in the past in French and in English, with the time', () => {
    const at = '20 Nov 2026, 09:30';
    expect(deskFr.case.refusals.callbackInPast(at)).toBe(
      `l’heure du rappel (${at}) est déjà passée : choisissez une heure plus tardive, ou laissez vide pour rappeler dès que possible.`,
    );
    expect(deskEn.case.refusals.callbackInPast(at)).toContain(`(${at}) has already passed`);
  });

  it('accepts only known codes with their parameters', () => {
    const at = '2026-11-20T08:30:00.000Z';
    expect(RefusalSchema.parse({ code: 'callback.inPast', at, now: at })).toEqual({
      code: 'callback.inPast',
      at,
      now: at,
    });
    expect(
      RefusalSchema.safeParse({ code: 'callback.inPast', at: 'yesterday', now: at }).success,
    ).toBe(false);
    expect(RefusalSchema.safeParse({ code: 'unknown' }).success).toBe(false);
  });
});
