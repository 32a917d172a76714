import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatVisitorViewer, typingTtlMs } from '../../worker/store/caseViewers';
import type { Mongo } from '../../worker/store/mongo';
import type { Stores } from '../../worker/store/stores';
import { freshDatabase } from '../support/relaisWorker';

let mongo: Mongo;
let stores: Stores;

beforeEach(async () => {
  ({ mongo, stores } = await freshDatabase());
  await stores.chatPresence.ensureIndexes();
  await stores.caseViewers.ensureIndexes();
});

afterEach(async () => {
  await mongo.close();
});

const at = (ms: number) => new Date(Date.UTC(2026, 11, 2, 9) + ms);

describe('chat visitor presence', () => {
  it('finds the visitors gone since a time, and lets one sweeper alone claim each', async () => {
    const presence = stores.chatPresence;
    await presence.seen('case-1', at(0));
    await presence.seen('case-2', at(0));
    await presence.seen('case-2', at(5_000));
    expect(await presence.staleSince(at(3_000))).toEqual(['case-1']);

    const claims = await Promise.all([
      presence.claimStale('case-1', at(3_000)),
      presence.claimStale('case-1', at(3_000)),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await presence.staleSince(at(3_000))).toEqual([]);
  });

  it('keeps the mark of a visitor seen again before the claim', async () => {
    const presence = stores.chatPresence;
    await presence.seen('case-3', at(0));
    await presence.seen('case-3', at(4_000));
    expect(await presence.claimStale('case-3', at(3_000))).toBe(false);
    expect(await presence.staleSince(at(6_000))).toEqual(['case-3']);
  });
});

describe('who types in a case', () => {
  it('gives each typist with when they last typed, the chat visitor included', async () => {
    const viewers = stores.caseViewers;
    await viewers.beat('case-9', 'ana', true, at(1_000));
    await viewers.beat('case-9', chatVisitorViewer, true, at(2_000));
    await viewers.beat('case-9', 'bruno', false, at(2_000));
    expect(await viewers.typists('case-9', at(2_500))).toEqual([
      { userId: chatVisitorViewer, typedAt: at(2_000) },
      { userId: 'ana', typedAt: at(1_000) },
    ]);
    expect(await viewers.typists('case-9', at(1_000 + typingTtlMs + 1))).toEqual([
      { userId: chatVisitorViewer, typedAt: at(2_000) },
    ]);
  });
});
