import type { TimelineEvent } from '../../../../../workflows/contracts/timeline';
import type { DeskChange } from '../../components/desk/deskChange';

/** What the feed reads: the timeline entries that landed in one second (an indexed equality). */
export interface LandedLog {
  landedIn(second: number): Promise<TimelineEvent[]>;
}

/** One open desk stream. */
export interface DeskSubscriber {
  send(changes: DeskChange[], second: number): void;
  /** It missed more than the feed re-reads: the page reloads what it shows. */
  resync(second: number): void;
}

export interface DeskFeedOptions {
  pollMs: number;
  /** Seconds re-read behind the newest: a write stamped in a second may land a little after it. */
  lookBehind: number;
  /** Longest gap a reconnect catches up on second by second; beyond it the page resyncs. */
  maxCatchUpSeconds: number;
  now(): number;
  onError(err: unknown): void;
}

const defaults: DeskFeedOptions = {
  pollMs: 200,
  lookBehind: 2,
  maxCatchUpSeconds: 300,
  now: () => Date.now(),
  onError: (err) => console.error('[live] reading the timeline failed:', err),
};

const changeOf = (e: TimelineEvent): DeskChange => ({
  key: e.key,
  caseId: e.caseId,
  customerId: e.customerId,
  type: e.type,
});

/**
 * The desk's change feed: every timeline entry (a message in, a claim, a reply, an escalation) as
 * it lands, for the task list, case and customer pages to refresh what they show. FerretDB has no
 * change streams and pushes no range down, so one reader per process re-reads the last few
 * seconds, each by index equality, while anyone listens, and sends each entry once.
 */
export class DeskFeed {
  private readonly opts: DeskFeedOptions;
  private readonly subscribers = new Set<DeskSubscriber>();
  /** Keys sent lately, with their second, so re-read seconds send nothing twice. */
  private readonly sent = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly log: LandedLog,
    opts: Partial<DeskFeedOptions> = {},
  ) {
    this.opts = { ...defaults, ...opts };
  }

  /**
   * Adds a stream that has seen everything up to second `after` (its Last-Event-ID), or, without
   * one, starts it now. Returns the function that removes it.
   */
  async subscribe(subscriber: DeskSubscriber, after: number | null): Promise<() => void> {
    // Live first, then what it missed: a change sent twice only re-reads a page twice.
    this.subscribers.add(subscriber);
    if (!this.timer) this.schedule();
    const unsubscribe = () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) this.pause();
    };
    const now = this.second();
    if (after === null) return unsubscribe;
    if (now - after > this.opts.maxCatchUpSeconds) {
      subscriber.resync(now);
      return unsubscribe;
    }
    try {
      for (let s = after - this.opts.lookBehind; s <= now; s += 1) {
        const changes = (await this.log.landedIn(s)).map(changeOf);
        if (changes.length > 0) subscriber.send(changes, s);
      }
    } catch (err) {
      unsubscribe();
      throw err;
    }
    return unsubscribe;
  }

  stop(): void {
    this.stopped = true;
    this.subscribers.clear();
    this.pause();
  }

  private second(): number {
    return Math.floor(this.opts.now() / 1000);
  }

  private pause(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      void this.poll().finally(() => {
        // A pause (and maybe a new loop) since this one started: this loop ends here.
        if (this.timer !== timer) return;
        if (this.subscribers.size > 0) this.schedule();
        else this.timer = null;
      });
    }, this.opts.pollMs);
    this.timer = timer;
  }

  private async poll(): Promise<void> {
    const now = this.second();
    const seconds = Array.from({ length: this.opts.lookBehind + 1 }, (_, i) => now - i).reverse();
    let read: TimelineEvent[][];
    try {
      read = await Promise.all(seconds.map((s) => this.log.landedIn(s)));
    } catch (err) {
      this.opts.onError(err);
      return;
    }
    const fresh = read.flat().filter((e) => !this.sent.has(e.key));
    for (const e of fresh) this.sent.set(e.key, now);
    for (const [key, second] of this.sent)
      if (second < now - this.opts.lookBehind - 1) this.sent.delete(key);
    if (fresh.length === 0) return;
    const changes = fresh.map(changeOf);
    for (const subscriber of this.subscribers) subscriber.send(changes, now);
  }
}
