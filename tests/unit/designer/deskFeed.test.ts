import { describe, expect, it, onTestFinished } from 'vitest';
import type { TimelineEvent } from '../../../workflows/contracts/timeline';
import type { DeskChange } from '../../../designer/src/lib/components/desk/deskChange';
import { dueState } from '../../../designer/src/lib/components/desk/dueClock';
import { DeskFeed, type LandedLog } from '../../../designer/src/lib/server/live/deskFeed';

/** The timeline by landing second, as `storedSecond` files it; the clock is the test's. */
class Landed implements LandedLog {
  readonly bySecond = new Map<number, TimelineEvent[]>();
  reads = 0;
  async landedIn(second: number): Promise<TimelineEvent[]> {
    this.reads += 1;
    return this.bySecond.get(second) ?? [];
  }
  add(second: number, key: string, caseId = 'case-1'): void {
    const event: TimelineEvent = {
      key,
      customerId: 'cust-1',
      caseId,
      type: 'message-received',
      at: new Date(second * 1000).toISOString(),
      data: {},
    };
    this.bySecond.set(second, [...(this.bySecond.get(second) ?? []), event]);
  }
}

function world(startSecond: number) {
  const log = new Landed();
  let now = startSecond * 1000;
  const feed = new DeskFeed(log, { pollMs: 5, now: () => now, onError: () => {} });
  onTestFinished(() => feed.stop());
  const got: { keys: string[]; resyncs: number } = { keys: [], resyncs: 0 };
  const subscriber = {
    send: (changes: DeskChange[]) => got.keys.push(...changes.map((c) => c.key)),
    resync: () => (got.resyncs += 1),
  };
  return { log, feed, got, subscriber, setSecond: (s: number) => (now = s * 1000) };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i += 1) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe('the desk change feed', () => {
  it('sends each entry once as it lands, though it re-reads the last seconds', async () => {
    const w = world(1000);
    await w.feed.subscribe(w.subscriber, null);
    w.log.add(1000, 'a');
    await until(() => w.got.keys.includes('a'));
    // Landed late in an earlier second: still found, since the feed looks two seconds back.
    w.setSecond(1001);
    w.log.add(999, 'late');
    w.log.add(1001, 'b');
    await until(() => w.got.keys.includes('b') && w.got.keys.includes('late'));
    const reads = w.log.reads;
    await until(() => w.log.reads > reads + 6);
    expect(w.got.keys.sort()).toEqual(['a', 'b', 'late']);
  });

  it('replays what a reconnecting stream missed since its last second', async () => {
    const w = world(2000);
    w.log.add(1990, 'before');
    w.log.add(1995, 'missed-1');
    w.log.add(1999, 'missed-2');
    await w.feed.subscribe(w.subscriber, 1994);
    expect(w.got.keys).toEqual(expect.arrayContaining(['missed-1', 'missed-2']));
    expect(w.got.keys).not.toContain('before');
  });

  it('asks for a resync when the gap is too long to replay second by second', async () => {
    const w = world(5000);
    await w.feed.subscribe(w.subscriber, 5000 - 301);
    expect(w.got.resyncs).toBe(1);
    expect(w.log.reads).toBeLessThan(5);
  });

  it('stops reading when nobody listens', async () => {
    const w = world(3000);
    const stop = await w.feed.subscribe(w.subscriber, null);
    await until(() => w.log.reads > 3);
    stop();
    await new Promise((r) => setTimeout(r, 30));
    const reads = w.log.reads;
    await new Promise((r) => setTimeout(r, 50));
    expect(w.log.reads).toBe(reads);
  });
});

describe('a promise clock on the desk', () => {
  const now = Date.parse('2026-12-02T10:00:00.000Z');
  it('counts whole seconds down, then seconds overdue', () => {
    expect(dueState('2026-12-02T10:00:29.200Z', now)).toEqual({
      kind: 'running',
      secondsLeft: 30,
      soon: true,
    });
    expect(dueState('2026-12-02T11:00:00.000Z', now)).toMatchObject({ soon: false });
    expect(dueState('2026-12-02T09:58:55.000Z', now)).toEqual({
      kind: 'breached',
      secondsOver: 65,
    });
    expect(dueState(null, now)).toEqual({ kind: 'none' });
  });
});
