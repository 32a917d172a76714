import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  isWithinBusinessHours,
  nextOpening,
} from '../../../rules/calendar/businessHours';
import { defaultCalendar } from '../../../rules/calendar/defaultCalendar';
import { always, lunch, night, nightShift, office } from './fixtures';

const calendars = fc.constantFrom(defaultCalendar, office, lunch, always, night, nightShift);
// 2025-06 .. 2028-06 covers both holiday years and four pairs of DST switches.
const instants = fc
  .integer({ min: Date.UTC(2025, 5, 1), max: Date.UTC(2028, 5, 1) })
  .map((ms) => new Date(ms));
const minutes = fc.integer({ min: 0, max: 3 * 7 * 24 * 60 });

describe('addBusinessMinutes properties', () => {
  it('businessMinutesBetween undoes addBusinessMinutes', () => {
    fc.assert(
      fc.property(calendars, instants, minutes, (cal, from, m) => {
        const to = addBusinessMinutes(cal, from, m);
        expect(businessMinutesBetween(cal, from, to)).toBe(m);
      }),
    );
  });

  it('is monotonic in minutes', () => {
    fc.assert(
      fc.property(calendars, instants, minutes, minutes, (cal, from, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(addBusinessMinutes(cal, from, lo).getTime()).toBeLessThanOrEqual(
          addBusinessMinutes(cal, from, hi).getTime(),
        );
      }),
    );
  });

  it('lands inside business hours or exactly on a closing instant', () => {
    fc.assert(
      fc.property(
        calendars,
        instants,
        fc.integer({ min: 1, max: 3 * 7 * 24 * 60 }),
        (cal, from, m) => {
          const to = addBusinessMinutes(cal, from, m);
          expect(to.getTime()).toBeGreaterThan(from.getTime());
          const open = isWithinBusinessHours(cal, to);
          const justClosed = !open && isWithinBusinessHours(cal, new Date(to.getTime() - 1));
          expect(open || justClosed).toBe(true);
        },
      ),
    );
  });

  it('adding in two steps equals adding at once', () => {
    fc.assert(
      fc.property(calendars, instants, minutes, minutes, (cal, from, a, b) => {
        const stepped = addBusinessMinutes(cal, addBusinessMinutes(cal, from, a), b);
        expect(stepped).toEqual(addBusinessMinutes(cal, from, a + b));
      }),
    );
  });
});

describe('businessMinutesBetween and nextOpening properties', () => {
  it('splits additively at any intermediate instant', () => {
    fc.assert(
      fc.property(calendars, instants, instants, instants, (cal, x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime()) as [Date, Date, Date];
        expect(businessMinutesBetween(cal, a, b) + businessMinutesBetween(cal, b, c)).toBeCloseTo(
          businessMinutesBetween(cal, a, c),
          6,
        );
      }),
      { numRuns: 30 },
    );
  });

  it('nextOpening is open and no business time passes before it', () => {
    fc.assert(
      fc.property(calendars, instants, (cal, at) => {
        const next = nextOpening(cal, at);
        expect(next.getTime()).toBeGreaterThanOrEqual(at.getTime());
        expect(isWithinBusinessHours(cal, next)).toBe(true);
        expect(businessMinutesBetween(cal, at, next)).toBe(0);
        expect(isWithinBusinessHours(cal, at)).toBe(next.getTime() === at.getTime());
      }),
    );
  });
});
