import type { RoutingEvent } from '$workflows/contracts/routing';
import { contiguousUpTo } from './contiguous';

/** What the tail reads: the `routingEvents` collection, by seq. */
export interface RoutingEventLog {
  /** Events with seq > `seq`, in seq order, at most `limit`. */
  since(seq: number, limit: number): Promise<RoutingEvent[]>;
  /** The highest seq stored; 0 when none. */
  lastSeq(): Promise<number>;
}

/** One open stream: who sees what, and what it was last sent. */
export interface Subscriber {
  sees(event: RoutingEvent): boolean;
  send(events: RoutingEvent[]): void;
}

interface Entry {
  subscriber: Subscriber;
  /** The highest seq this subscriber has been through (sent or filtered out). */
  lastSeq: number;
  /** Still reading what it missed from the store: the fan-out leaves it alone until then. */
  catchingUp: boolean;
}

export interface TailOptions {
  pollMs: number;
  pageSize: number;
  /** Recent events kept in memory, so a reconnect usually catches up without a query. */
  bufferSize: number;
  /**
   * How long a hole in the seqs may hold later events back: the router stores batches side by
   * side, so an earlier one may still be landing, or be retried after a failed write (1 s, then 2).
   */
  gapWaitMs: number;
  onError(err: unknown): void;
}

const defaults: TailOptions = {
  pollMs: 200,
  pageSize: 500,
  bufferSize: 2000,
  gapWaitMs: 3000,
  onError: (err) => console.error('[live] reading routing events failed:', err),
};

/**
 * One reader of `routingEvents` per server process, however many browsers listen: FerretDB has
 * no change streams, so it polls one indexed query by seq and fans the events out. It polls only
 * while someone listens.
 */
export class RoutingEventTail {
  private readonly opts: TailOptions;
  private readonly entries = new Set<Entry>();
  /** Streams subscribed or subscribing: the tail polls while there are any. */
  private users = 0;
  private buffer: RoutingEvent[] = [];
  private seq = 0;
  private started: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Bumped by each pause, so a poll still in flight from before does not carry on. */
  private generation = 0;
  private gapSince: number | null = null;
  private stopped = false;

  constructor(
    private readonly log: RoutingEventLog,
    opts: Partial<TailOptions> = {},
  ) {
    this.opts = { ...defaults, ...opts };
  }

  /**
   * Adds a stream that has seen everything up to `after` (its Last-Event-ID), or, without one,
   * starts it at the newest event. Returns the function that removes it.
   */
  async subscribe(subscriber: Subscriber, after: number | null): Promise<() => void> {
    // Counted from now, so that no pause happens while this one is still joining.
    this.users += 1;
    let entry: Entry | null = null;
    let gone = false;
    const unsubscribe = () => {
      if (gone) return;
      gone = true;
      if (entry) this.entries.delete(entry);
      this.users -= 1;
      if (this.users === 0) this.pause();
    };
    try {
      await this.start();
      // An id from past the newest stored event (the events were wiped) counts as the newest.
      const from = after === null ? this.seq : Math.min(after, this.seq);
      entry = { subscriber, lastSeq: from, catchingUp: true };
      this.entries.add(entry);
      await this.catchUp(entry);
    } catch (err) {
      unsubscribe();
      throw err;
    }
    return unsubscribe;
  }

  /** Stops polling for good (shutdown). */
  stop(): void {
    this.stopped = true;
    this.pause();
    this.entries.clear();
    this.users = 0;
  }

  private start(): Promise<void> {
    this.started ??= this.log.lastSeq().then(
      (seq) => {
        this.seq = Math.max(this.seq, seq);
        this.schedule(0);
      },
      (err: unknown) => {
        this.started = null;
        throw err;
      },
    );
    return this.started;
  }

  /**
   * With nobody listening there is nothing to read for; the next subscriber starts again from
   * the newest event (one that missed some asks for them with its Last-Event-ID).
   */
  private pause(): void {
    this.generation += 1;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.started = null;
    this.buffer = [];
    this.gapSince = null;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    const generation = this.generation;
    this.timer = setTimeout(() => {
      void this.poll(generation).then((full) => {
        if (generation === this.generation) this.schedule(full ? 0 : this.opts.pollMs);
      });
    }, ms);
  }

  /** Reads what is new; true when a full page came back (read on at once). */
  private async poll(generation: number): Promise<boolean> {
    let read: RoutingEvent[];
    try {
      read = await this.log.since(this.seq, this.opts.pageSize);
    } catch (err) {
      this.opts.onError(err);
      return false;
    }
    if (generation !== this.generation) return false;
    const now = Date.now();
    let events = contiguousUpTo(read, this.seq);
    if (events.length < read.length) {
      // A hole: the next seq is not stored yet. Wait for it a little, then go past it.
      this.gapSince ??= now;
      if (now - this.gapSince >= this.opts.gapWaitMs) events = read;
    }
    if (events.length === read.length) this.gapSince = null;
    if (events.length === 0) return false;
    this.seq = events[events.length - 1]!.seq;
    this.buffer.push(...events);
    if (this.buffer.length > this.opts.bufferSize)
      this.buffer.splice(0, this.buffer.length - this.opts.bufferSize);
    for (const entry of this.entries) if (!entry.catchingUp) this.deliver(entry, events);
    return read.length === this.opts.pageSize;
  }

  private deliver(entry: Entry, events: readonly RoutingEvent[]): void {
    const fresh = events.filter((e) => e.seq > entry.lastSeq);
    if (fresh.length === 0) return;
    entry.lastSeq = fresh[fresh.length - 1]!.seq;
    const visible = fresh.filter((e) => entry.subscriber.sees(e));
    if (visible.length > 0) entry.subscriber.send(visible);
  }

  /** Sends what the subscriber missed: from memory when it is recent, else from the store. */
  private async catchUp(entry: Entry): Promise<void> {
    while (entry.lastSeq < this.seq && !this.buffered(entry.lastSeq)) {
      const page = await this.log.since(entry.lastSeq, this.opts.pageSize);
      if (page.length === 0) break;
      this.deliver(entry, page);
    }
    // Synchronous from here on: no poll can slip in between the buffer and the live events.
    this.deliver(entry, this.buffer);
    entry.catchingUp = false;
  }

  /** True when the buffer holds every event after `seq`. */
  private buffered(seq: number): boolean {
    const first = this.buffer[0];
    return first !== undefined && first.seq <= seq + 1;
  }
}
