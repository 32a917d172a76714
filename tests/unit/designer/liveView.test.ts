import { describe, expect, it } from 'vitest';
import type { RouterSnapshot, WaitingView } from '../../../workflows/contracts/routing';
import { liveEn } from '../../../designer/src/lib/i18n/live.en';
import { liveFr } from '../../../designer/src/lib/i18n/live.fr';
import { agentsByPresence, queueViews } from '../../../designer/src/routes/(app)/live/liveView';
import { reasonText } from '../../../designer/src/routes/(app)/live/reasonText';

const skillLabel = (id: string) => (id === 'billing' ? 'Facturation' : id);

const item = (caseId: string, queue: string, position: number, since: string): WaitingView => ({
  caseId,
  queue,
  position,
  expectedWaitSeconds: 60,
  reason: null,
  offer: null,
  effectivePriority: 3,
  waitingSince: since,
});

describe('the supervisor live view', () => {
  it('words why an item waits with the skill label, in English and French', () => {
    const reason = { code: 'no-agent-with-skill', skill: 'billing', minLevel: 3 } as const;
    expect(reasonText(reason, liveEn.live, skillLabel)).toBe(
      'No agent with skill Facturation ≥ 3 available',
    );
    expect(reasonText(reason, liveFr.live, skillLabel)).toBe(
      'Aucun agent disponible avec la compétence Facturation ≥ 3',
    );
    expect(reasonText({ code: 'no-agent-speaks', lang: 'en' }, liveFr.live, skillLabel)).toBe(
      'Aucun agent disponible ne parle anglais',
    );
    expect(
      reasonText({ code: 'no-free-capacity', capacityClass: 'chat' }, liveEn.live, skillLabel),
    ).toBe('No available agent has free chat capacity');
  });

  it('lists every catalogue queue, then queues only the router knows, items by position', () => {
    const snapshot: RouterSnapshot = {
      agents: [],
      waiting: [
        item('c2', 'billing', 2, '2026-12-02T08:01:00.000Z'),
        item('c1', 'billing', 1, '2026-12-02T08:00:00.000Z'),
        item('c3', 'gone', 1, '2026-12-02T08:02:00.000Z'),
      ],
    };
    const views = queueViews(snapshot, ['support', 'billing']);
    expect(views.map((v) => v.queue)).toEqual(['support', 'billing', 'gone']);
    expect(views[0]).toMatchObject({ waiting: [], oldestSince: null });
    expect(views[1]!.waiting.map((w) => w.caseId)).toEqual(['c1', 'c2']);
    expect(views[1]!.oldestSince).toBe('2026-12-02T08:00:00.000Z');
  });

  it('groups agents by presence, the busiest first', () => {
    const agent = (agentId: string, presence: 'available' | 'away', load: number) => ({
      agentId,
      name: agentId,
      presence,
      awayReason: presence === 'away' ? ('break' as const) : null,
      presenceSince: '2026-12-02T08:00:00.000Z',
      idleSince: null,
      load: Object.fromEntries(Array.from({ length: load }, (_, i) => [`c${i}`, 'chat' as const])),
      missedOffersInARow: 0,
      wrapUps: {},
    });
    const groups = agentsByPresence([
      agent('ana', 'available', 1),
      agent('bob', 'available', 2),
      agent('cy', 'away', 0),
    ]);
    expect(groups.map((g) => [g.presence, g.agents.map((a) => a.agentId)])).toEqual([
      ['available', ['bob', 'ana']],
      ['away', ['cy']],
      ['offline', []],
    ]);
  });
});
