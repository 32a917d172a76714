import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../support/relaisWorker';

describe('KPI event window', () => {
  it('reads the events of the window and says when there were more than it read', async () => {
    const { mongo, stores } = await freshDatabase();
    const at = (h: number) => new Date(Date.UTC(2026, 10, 20, h)).toISOString();
    for (const [i, type] of (['case-opened', 'promise-met', 'resolved', 'note'] as const).entries())
      await stores.timeline.append({
        key: `k${i}`,
        customerId: 'c1',
        caseId: 'case-1',
        type,
        at: at(10 + i),
        data: { channel: 'email' },
      });
    const from = new Date(at(9));
    const to = new Date(at(20));
    const all = await stores.kpiEvents.inWindow(from, to);
    expect(all.truncated).toBe(false);
    expect(all.events.map((e) => e.type).sort()).toEqual([
      'case-opened',
      'promise-met',
      'resolved',
    ]);
    const cut = await stores.kpiEvents.inWindow(from, to, 2);
    expect(cut).toMatchObject({ truncated: true });
    expect(cut.events).toHaveLength(2);
    expect((await stores.kpiEvents.inWindow(new Date(at(11)), to)).events).toHaveLength(2);
    await mongo.close();
  });
});
