import { describe, expect, it } from 'vitest';
import type { RoutingEvent } from '../../../workflows/contracts/routing';
import { type RoutingEventLog, RoutingEventTail } from '../../../designer/src/lib/server/live/tail';

const presence = (seq: number): RoutingEvent => ({
  seq,
  at: '2026-12-03T08:00:00.000Z',
  kind: 'presence',
  agentId: 'ana',
  presence: 'available',
  reason: null,
});

/** The store as the tail reads it; the router's batches land in it in any order. */
class StoredEvents implements RoutingEventLog {
  readonly events: RoutingEvent[] = [];
  reads = 0;
  land(...seqs: number[]) {
    this.events.push(...seqs.map(presence));
  }
  async since(seq: number, limit: number) {
    this.reads += 1;
    return this.events
      .filter((e) => e.seq > seq)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit);
  }
  async lastSeq() {
    return 0;
  }
}

async function until(check: () => boolean, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A tail over `store` with one listener, stopped once `body` is done. */
async function withTail(
  opts: { gapWaitMs: number },
  body: (store: StoredEvents, sent: number[]) => Promise<void>,
): Promise<void> {
  const store = new StoredEvents();
  const tail = new RoutingEventTail(store, { pollMs: 5, ...opts });
  const sent: number[] = [];
  await tail.subscribe(
    { sees: () => true, send: (events) => sent.push(...events.map((e) => e.seq)) },
    null,
  );
  try {
    await body(store, sent);
  } finally {
    tail.stop();
  }
}

describe('the live tail of routing events', () => {
  it('holds later events behind a batch still landing, then sends them all in order', () =>
    withTail({ gapWaitMs: 60_000 }, async (store, sent) => {
      store.land(2, 3);
      const readsThen = store.reads;
      await until(() => store.reads >= readsThen + 10, 'ten reads past the hole');
      expect(sent).toEqual([]);
      store.land(1);
      await until(() => sent.length === 3, 'the three events');
      expect(sent).toEqual([1, 2, 3]);
    }));

  it('goes past a hole that stays open longer than the wait, without losing what follows', () =>
    withTail({ gapWaitMs: 300 }, async (store, sent) => {
      const start = Date.now();
      store.land(2, 3);
      await until(() => sent.length === 2, 'the events past the hole');
      expect(Date.now() - start).toBeGreaterThanOrEqual(300);
      expect(sent).toEqual([2, 3]);
      store.land(4);
      await until(() => sent.length === 3, 'the next event');
      expect(sent).toEqual([2, 3, 4]);
    }));
});
