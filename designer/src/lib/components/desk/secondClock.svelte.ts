/**
 * The time, ticking every second while some part of the page counts down (the task list, the
 * case page): one timer however many countdowns show.
 */
class SecondClock {
  now = $state(Date.now());
  private users = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  /** Starts ticking for one user; returns the function that stops it (for onMount). */
  start(): () => void {
    this.users += 1;
    this.now = Date.now();
    this.timer ??= setInterval(() => (this.now = Date.now()), 1000);
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      this.users -= 1;
      if (this.users > 0) return;
      clearInterval(this.timer);
      this.timer = undefined;
    };
  }
}

export const secondClock = new SecondClock();
