import { describe, expect, it } from 'vitest';
import type { RoutingEvent } from '../../../workflows/contracts/routing';
import { audienceFilter } from '../../../designer/src/lib/server/live/audience';
import { contiguousUpTo } from '../../../designer/src/lib/server/live/contiguous';
import { resumeAfter } from '../../../designer/src/lib/server/live/sse';
import {
  offerSecondsLeft,
  secondsLeft,
  shortDuration,
} from '../../../designer/src/lib/components/desk/countdown';

const at = '2026-12-02T08:00:00.000Z';
const presence = (seq: number, agentId: string): RoutingEvent => ({
  seq,
  at,
  kind: 'presence',
  agentId,
  presence: 'available',
  reason: null,
});
const waiting = (seq: number): RoutingEvent => ({
  seq,
  at,
  kind: 'item-waiting',
  caseId: `case-${seq}`,
  queue: 'billing',
  reason: { code: 'no-agent-available' },
});
const offer = (seq: number, agentId: string): RoutingEvent => ({
  seq,
  at,
  kind: 'offer-created',
  caseId: 'case-1',
  queue: 'billing',
  offer: { offerId: `offer-${seq}`, caseId: 'case-1', agentId, offeredAt: at, expiresAt: at },
  item: {
    caseId: 'case-1',
    queue: 'billing',
    priority: 3,
    skills: [],
    lang: 'fr',
    channel: 'chat',
    customerName: 'Claire Martin',
    subject: 'Colis',
    waitingSince: at,
    reason: 'intake',
    excludeAgents: [],
  },
});

describe('the live stream', () => {
  it('passes events on only up to the first hole in their seqs', () => {
    const events = [waiting(5), waiting(6), waiting(8)];
    expect(contiguousUpTo(events, 4).map((e) => e.seq)).toEqual([5, 6]);
    expect(contiguousUpTo(events, 3)).toEqual([]);
    expect(contiguousUpTo([], 3)).toEqual([]);
  });

  it('shows an agent only the events about them, and a supervisor everything', () => {
    const events = [presence(1, 'ana'), presence(2, 'bob'), waiting(3), offer(4, 'ana')];
    const ana = audienceFilter({ id: 'ana', role: 'agent' });
    const sup = audienceFilter({ id: 'sup', role: 'supervisor' });
    expect(events.filter(ana).map((e) => e.seq)).toEqual([1, 4]);
    expect(events.filter(sup).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it('resumes after the Last-Event-ID header, else the after parameter, else from now', () => {
    expect(resumeAfter('12', '3')).toBe(12);
    expect(resumeAfter(null, '3')).toBe(3);
    expect(resumeAfter('', '')).toBeNull();
    expect(resumeAfter('abc', null)).toBeNull();
    expect(resumeAfter('-1', '7')).toBe(7);
  });

  it('counts an offer down in whole seconds and words waits briefly', () => {
    const now = Date.parse(at);
    expect(secondsLeft('2026-12-02T08:00:19.200Z', now)).toBe(20);
    expect(secondsLeft('2026-12-02T07:59:00.000Z', now)).toBe(0);
    // A browser clock behind the router's never shows more than the offer was made for.
    const offer = { offeredAt: '2026-12-02T08:00:01.000Z', expiresAt: '2026-12-02T08:00:21.000Z' };
    expect(offerSecondsLeft(offer, now)).toBe(20);
    expect(shortDuration(42)).toBe('42 s');
    expect(shortDuration(185)).toBe('3 min 05 s');
    expect(shortDuration(3720)).toBe('1 h 02 min');
  });
});
