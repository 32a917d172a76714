import { describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../../../rules/defaults/defaultRuleSet';
import { minutesInWords } from '../../../rules/describe/minutesInWords';
import { PromiseSchema, promiseSeconds } from '../../../rules/model/decision';
import { RuleSetSchema } from '../../../rules/model/ruleSet';
import { splitMinutes } from '../../../designer/src/lib/format';
import { durationInWords } from '../../../workflows/lib/promiseWords';
import { minutesToMs } from '../../../workflows/lib/clock';

const promise = {
  acknowledgeMinutes: 0,
  firstResponseMinutes: 1,
  resolutionMinutes: null,
  businessHours: false,
  calendarId: 'default',
};

describe('promises counted to the second', () => {
  it('reads a rule set stored in whole minutes unchanged', () => {
    const stored = JSON.parse(JSON.stringify(defaultRuleSet)) as unknown;
    expect(RuleSetSchema.parse(stored)).toEqual(defaultRuleSet);
    expect(PromiseSchema.parse(promise)).toEqual(promise);
  });

  it('accepts "within 30 s" and any whole number of seconds, refuses a fraction of a second', () => {
    expect(
      PromiseSchema.parse({ ...promise, firstResponseMinutes: 0.5 }).firstResponseMinutes,
    ).toBe(0.5);
    expect(PromiseSchema.safeParse({ ...promise, firstResponseMinutes: 7 / 60 }).success).toBe(
      true,
    );
    expect(PromiseSchema.safeParse({ ...promise, firstResponseMinutes: 0.001 }).success).toBe(
      false,
    );
    expect(PromiseSchema.safeParse({ ...promise, firstResponseMinutes: 0 }).success).toBe(false);
    expect(PromiseSchema.safeParse({ ...promise, resolutionMinutes: 0 }).success).toBe(false);
    expect(promiseSeconds(7 / 60)).toBe(7);
  });

  it('times a promise in whole milliseconds, as before for whole minutes', () => {
    expect(minutesToMs(7 / 60)).toBe(7000);
    expect(minutesToMs(0.5)).toBe(30_000);
    expect(minutesToMs(48 * 60)).toBe(48 * 3_600_000);
  });

  it('says a sub-minute promise in seconds, to managers and to customers', () => {
    expect(minutesInWords(0.5, 'fr')).toBe('30 s');
    expect(minutesInWords(1.5, 'en')).toBe('1 min 30 s');
    expect(minutesInWords(1, 'en')).toBe('1 min');
    expect(durationInWords(0.5, 'fr')).toBe('30 secondes');
    expect(durationInWords(0.5, 'en')).toBe('30 seconds');
    expect(durationInWords(1, 'en')).toBe('1 minute');
  });

  it('shows a sub-minute duration in seconds in the editor', () => {
    expect(splitMinutes(0.5)).toEqual({ amount: 30, unit: 'seconds' });
    expect(splitMinutes(90 / 60)).toEqual({ amount: 90, unit: 'seconds' });
    expect(splitMinutes(2)).toEqual({ amount: 2, unit: 'minutes' });
    expect(splitMinutes(120)).toEqual({ amount: 2, unit: 'hours' });
  });
});
