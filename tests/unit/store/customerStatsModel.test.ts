import { describe, expect, it } from 'vitest';
import {
  type Contact,
  emptyStats,
  historyAt,
  mergeComputed,
  pruneContacts,
  withCaseOpen,
  withContact,
} from '../../../worker/store/customerStatsModel';

const day = 24 * 3600_000;
const now = new Date('2026-03-10T10:00:00.000Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const contact = (key: string, at: Date, messageId: string | null = key): Contact => ({
  key,
  at,
  messageId,
});

describe('customer stats', () => {
  it('keeps open cases as a set: a repeated open or close changes nothing', () => {
    const one = withCaseOpen(emptyStats('c'), 'case-1', true)!;
    expect(one.openCaseIds).toEqual(['case-1']);
    expect(withCaseOpen(one, 'case-1', true)).toBeNull();
    const two = withCaseOpen(one, 'case-2', true)!;
    const closed = withCaseOpen(two, 'case-1', false)!;
    expect(closed.openCaseIds).toEqual(['case-2']);
    expect(withCaseOpen(closed, 'case-1', false)).toBeNull();
  });

  it('counts a contact once per event key', () => {
    const once = withContact(emptyStats('c'), contact('k1', ago(60_000)))!;
    expect(withContact(once, contact('k1', ago(60_000)))).toBeNull();
    expect(historyAt(once, now, 'other').contactsLast7Days).toBe(1);
  });

  it('keeps a week and a day of contacts, and always the newest three', () => {
    const old = [10, 20, 30, 40].map((d) => contact(`old-${d}`, ago(d * day)));
    expect(pruneContacts(old).map((c) => c.key)).toEqual(['old-10', 'old-20', 'old-30']);
    const recent = [0, 1, 2, 3].map((i) => contact(`new-${i}`, ago(i * 60_000)));
    const kept = pruneContacts([...old, ...recent, contact('edge', ago(8 * day - 1))]);
    expect(kept.map((c) => c.key)).toEqual(['new-0', 'new-1', 'new-2', 'new-3', 'edge']);
  });

  it('ignores a retried event that is already older than anything it keeps', () => {
    let stats = emptyStats('c');
    for (const i of [0, 1, 2]) stats = withContact(stats, contact(`k${i}`, ago(i)))!;
    expect(withContact(stats, contact('late', ago(20 * day)))).toBeNull();
  });

  it('gives the history facts of a message: its own contact counts, the previous one is before it', () => {
    let stats = withCaseOpen(emptyStats('c'), 'case-1', true)!;
    for (const c of [
      contact('two-weeks', ago(14 * day)),
      contact('yesterday', ago(day)),
      contact('current', new Date(now.getTime() + 500), 'message-now'),
    ])
      stats = withContact(stats, c)!;
    expect(historyAt(stats, now, 'message-now')).toEqual({
      openCases: 1,
      contactsLast7Days: 2,
      lastContactAt: ago(day).toISOString(),
    });
    expect(historyAt(null, now, 'm')).toEqual({
      openCases: 0,
      contactsLast7Days: 0,
      lastContactAt: null,
    });
  });

  it('does not take a contact after the message as its previous one', () => {
    const later = withContact(emptyStats('c'), contact('later', new Date(now.getTime() + day)))!;
    expect(historyAt(later, now, 'm').lastContactAt).toBeNull();
  });

  it('merges a backfill with what was already counted, without counting anything twice', () => {
    let stats = withCaseOpen(emptyStats('c'), 'case-new', true)!;
    stats = withCaseOpen(stats, 'case-old', true)!;
    stats = withContact(stats, contact('k-new', ago(60_000)))!;
    const computed = {
      open: ['case-other'],
      closed: ['case-old'],
      contacts: [contact('k-new', ago(60_000)), contact('k-old', ago(day))],
    };
    const merged = mergeComputed(stats, computed)!;
    expect(merged.openCaseIds.sort()).toEqual(['case-new', 'case-other']);
    expect(merged.contacts.map((c) => c.key)).toEqual(['k-new', 'k-old']);
    expect(mergeComputed(merged, computed)).toBeNull();
  });
});
