import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { typingTtlMs, viewerTtlMs } from '../../worker/store/caseViewers';
import type { Mongo } from '../../worker/store/mongo';
import type { Stores } from '../../worker/store/stores';
import { freshDatabase } from '../support/relaisWorker';

let mongo: Mongo;
let stores: Stores;

beforeEach(async () => {
  ({ mongo, stores } = await freshDatabase());
  await stores.caseViewers.ensureIndexes();
});

afterEach(async () => {
  await mongo.close();
});

const at = (ms: number) => new Date(Date.UTC(2026, 11, 2, 9) + ms);

describe('who is on a case', () => {
  it('lists the others viewing a case, and who is typing, until their marks expire', async () => {
    const viewers = stores.caseViewers;
    await viewers.beat('case-1', 'ana', false, at(0));
    await viewers.beat('case-1', 'bruno', false, at(0));
    await viewers.beat('case-2', 'carla', false, at(0));
    expect(await viewers.viewers('case-1', 'ana', at(1000))).toEqual([
      { userId: 'bruno', typing: false },
    ]);

    await viewers.beat('case-1', 'bruno', true, at(2000));
    expect(await viewers.viewers('case-1', 'ana', at(3000))).toEqual([
      { userId: 'bruno', typing: true },
    ]);
    // A plain beat keeps the typing mark, which fades by itself.
    await viewers.beat('case-1', 'bruno', false, at(4000));
    expect(await viewers.viewers('case-1', 'ana', at(5000))).toEqual([
      { userId: 'bruno', typing: true },
    ]);
    expect(await viewers.viewers('case-1', 'ana', at(2000 + typingTtlMs + 1))).toEqual([
      { userId: 'bruno', typing: false },
    ]);

    // Ana stopped beating (a crashed tab): Bruno sees her go once her mark expires.
    expect(await viewers.viewers('case-1', 'bruno', at(viewerTtlMs - 1))).toEqual([
      { userId: 'ana', typing: false },
    ]);
    expect(await viewers.viewers('case-1', 'bruno', at(viewerTtlMs + 1))).toEqual([]);
  });

  it('forgets a viewer who leaves at once, and sweeps expired entries on the next beat', async () => {
    const viewers = stores.caseViewers;
    await viewers.beat('case-1', 'ana', false, at(0));
    await viewers.beat('case-1', 'bruno', false, at(0));
    await viewers.leave('case-1', 'bruno');
    expect(await viewers.viewers('case-1', 'ana', at(1000))).toEqual([]);

    await viewers.beat('case-3', 'carla', false, at(viewerTtlMs + 1000));
    expect(await viewers.col.countDocuments({ caseId: 'case-1' })).toBe(0);
  });
});
