import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../../rules/calendar/defaultCalendar';
import { PromiseClock } from '../../../workflows/blocks/promiseClock';

const at = (iso: string) => new Date(iso);

describe('PromiseClock', () => {
  it('falls due after its target in wall time', () => {
    const clock = new PromiseClock(48 * 60, false, defaultCalendar, at('2026-11-20T10:00:00Z'));
    expect(clock.dueAt()?.toISOString()).toBe('2026-11-22T10:00:00.000Z');
    expect(clock.instantOf(0.8 * 48 * 60)?.toISOString()).toBe('2026-11-22T00:24:00.000Z');
  });

  it('moves its due time by the length of a pause', () => {
    const clock = new PromiseClock(60, false, defaultCalendar, at('2026-11-20T10:00:00Z'));
    clock.pause(at('2026-11-20T10:20:00Z'));
    expect(clock.paused).toBe(true);
    expect(clock.dueAt()).toBeNull();
    expect(clock.usedMinutes(at('2026-11-20T15:00:00Z'))).toBe(20);
    clock.resume(at('2026-11-20T15:00:00Z'));
    expect(clock.dueAt()?.toISOString()).toBe('2026-11-20T15:40:00.000Z');
    expect(clock.version).toBe(2);
  });

  it('counts business minutes only inside opening hours', () => {
    // Friday 17:00 Paris + 2 business hours: 1 h on Friday, then Saturday 09:00–10:00.
    const clock = new PromiseClock(120, true, defaultCalendar, at('2026-11-20T16:00:00Z'));
    expect(clock.dueAt()?.toISOString()).toBe('2026-11-21T09:00:00.000Z');
  });

  it('ignores a second pause or resume', () => {
    const clock = new PromiseClock(60, false, defaultCalendar, at('2026-11-20T10:00:00Z'));
    clock.resume(at('2026-11-20T10:10:00Z'));
    clock.pause(at('2026-11-20T10:10:00Z'));
    clock.pause(at('2026-11-20T11:10:00Z'));
    expect(clock.usedMinutes(at('2026-11-20T12:00:00Z'))).toBe(10);
    expect(clock.version).toBe(1);
  });

  it('reports a threshold already passed as its resume instant', () => {
    const clock = new PromiseClock(60, false, defaultCalendar, at('2026-11-20T10:00:00Z'));
    clock.pause(at('2026-11-20T12:00:00Z'));
    clock.resume(at('2026-11-20T13:00:00Z'));
    expect(clock.dueAt()?.toISOString()).toBe('2026-11-20T13:00:00.000Z');
  });
});
