import { addBusinessMinutes, businessMinutesBetween } from '../../rules/calendar/businessHours';
import type { Calendar } from '../../rules/model/calendar';
import { minutesToMs } from '../lib/clock';

/**
 * A promise's clock: it counts wall or business minutes from `startedAt`, pauses while the case
 * waits on the customer, and tells when any amount of promise time will have been used up.
 * Pure (all time comes from arguments), so it runs in workflow code and in unit tests alike.
 */
export class PromiseClock {
  private usedMs = 0;
  private runningSince: Date | null;
  /** Bumped on pause and resume, so waiters know their deadline moved. */
  version = 0;

  constructor(
    readonly targetMinutes: number,
    readonly businessHours: boolean,
    readonly calendar: Calendar,
    startedAt: Date,
  ) {
    this.runningSince = startedAt;
  }

  get paused(): boolean {
    return this.runningSince === null;
  }

  private span(from: Date, to: Date): number {
    return this.businessHours
      ? minutesToMs(businessMinutesBetween(this.calendar, from, to))
      : Math.max(0, to.getTime() - from.getTime());
  }

  pause(at: Date): void {
    if (!this.runningSince) return;
    this.usedMs += this.span(this.runningSince, at);
    this.runningSince = null;
    this.version += 1;
  }

  resume(at: Date): void {
    if (this.runningSince) return;
    this.runningSince = at;
    this.version += 1;
  }

  /** Promise minutes used so far. */
  usedMinutes(now: Date): number {
    const running = this.runningSince ? this.span(this.runningSince, now) : 0;
    return (this.usedMs + running) / 60_000;
  }

  /** The instant at which `minutes` of promise time will be used up; null while paused. */
  instantOf(minutes: number): Date | null {
    if (!this.runningSince) return null;
    const remainingMs = minutesToMs(minutes) - this.usedMs;
    if (remainingMs <= 0) return this.runningSince;
    return this.businessHours
      ? addBusinessMinutes(this.calendar, this.runningSince, remainingMs / 60_000)
      : new Date(this.runningSince.getTime() + remainingMs);
  }

  /** When the promise falls due if nothing pauses it again; null while paused. */
  dueAt(): Date | null {
    return this.instantOf(this.targetMinutes);
  }
}
