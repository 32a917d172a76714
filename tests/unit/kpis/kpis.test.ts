import { describe, expect, it } from 'vitest';
import type { KpiEvent } from '../../../worker/kpis/kpiEvent';
import { computeKpis } from '../../../worker/kpis/kpis';

const from = new Date('2025-03-03T00:00:00Z');
const to = new Date('2025-03-05T00:00:00Z');
const at = (minutes: number) => new Date(from.getTime() + minutes * 60_000).toISOString();

function ev(
  caseId: string,
  type: KpiEvent['type'],
  minutes: number,
  extra: Partial<KpiEvent> = {},
) {
  return { caseId, type, at: at(minutes), channel: null, score: null, kind: null, ...extra };
}
const opened = (caseId: string, minutes: number, channel: KpiEvent['channel'] = 'email') =>
  ev(caseId, 'case-opened', minutes, { channel });

describe('computeKpis', () => {
  it('measures first response from case-opened to the first reply, with median and p90', () => {
    const events = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].flatMap((minutes, i) => [
      opened(`c${i}`, 0),
      ev(`c${i}`, 'replied', minutes),
      // A later reply does not move the first response.
      ev(`c${i}`, 'replied', minutes + 500),
    ]);
    const { firstResponse } = computeKpis(events, from, to);
    expect(firstResponse.count).toBe(10);
    expect(firstResponse.medianMinutes).toBe(55);
    expect(firstResponse.p90Minutes).toBeCloseTo(91);
  });

  it('takes promise-met as a first response too, and ignores cases opened before the window', () => {
    const events = [
      opened('a', 0),
      ev('a', 'promise-met', 5),
      ev('a', 'replied', 5),
      ev('old', 'replied', 3),
    ];
    const { firstResponse, casesOpened } = computeKpis(events, from, to);
    expect(casesOpened).toBe(1);
    expect(firstResponse).toEqual({ count: 1, medianMinutes: 5, p90Minutes: 5 });
  });

  it('counts promises kept and breached', () => {
    const events = [
      ev('a', 'promise-met', 1),
      ev('b', 'promise-met', 2),
      ev('c', 'promise-met', 3),
      ev('d', 'promise-breached', 4),
    ];
    expect(computeKpis(events, from, to).promises).toEqual({
      kept: 3,
      breached: 1,
      keptRate: 0.75,
    });
  });

  it('averages CSAT and computes NPS as promoters minus detractors', () => {
    const events = [
      ev('a', 'survey-answered', 1, { kind: 'csat', score: 5 }),
      ev('b', 'survey-answered', 1, { kind: 'csat', score: 2 }),
      ev('c', 'survey-answered', 1, { kind: 'nps', score: 10 }),
      ev('d', 'survey-answered', 1, { kind: 'nps', score: 9 }),
      ev('e', 'survey-answered', 1, { kind: 'nps', score: 7 }),
      ev('f', 'survey-answered', 1, { kind: 'nps', score: 3 }),
    ];
    const kpis = computeKpis(events, from, to);
    expect(kpis.csat).toEqual({ count: 2, average: 3.5 });
    expect(kpis.nps).toEqual({ count: 4, promoters: 2, detractors: 1, score: 25 });
  });

  it('rates abandonment over live-channel cases only', () => {
    const events = [
      opened('p1', 0, 'phone'),
      ev('p1', 'abandoned', 2),
      opened('p2', 0, 'chat'),
      opened('p3', 0, 'phone'),
      opened('e1', 0, 'email'),
      ev('e1', 'abandoned', 2),
    ];
    expect(computeKpis(events, from, to).abandonment).toEqual({
      liveCases: 3,
      abandoned: 1,
      rate: 1 / 3,
    });
  });

  it('rates reopens and first-contact resolution over resolved cases', () => {
    const events = [
      // One message, resolved, never reopened: first contact.
      opened('a', 0),
      ev('a', 'resolved', 10),
      // The customer wrote twice.
      opened('b', 0),
      ev('b', 'message-received', 5),
      ev('b', 'resolved', 10),
      // Reopened after its resolution.
      opened('c', 0),
      ev('c', 'resolved', 10),
      ev('c', 'reopened', 20),
      // Still open: counts for neither.
      opened('d', 0),
    ];
    const kpis = computeKpis(events, from, to);
    expect(kpis.reopen).toEqual({ resolved: 3, reopened: 1, rate: 1 / 3 });
    expect(kpis.firstContactResolution).toEqual({ resolved: 3, firstContact: 1, rate: 1 / 3 });
  });

  it('leaves out events outside the window and says null when there is nothing to measure', () => {
    const events = [ev('a', 'promise-met', -1), ev('b', 'promise-breached', 48 * 60)];
    const kpis = computeKpis(events, from, to);
    expect(kpis.promises).toEqual({ kept: 0, breached: 0, keptRate: null });
    expect(kpis.firstResponse.medianMinutes).toBeNull();
    expect(kpis.csat.average).toBeNull();
    expect(kpis.nps.score).toBeNull();
  });

  it('counts opened and resolved cases per day of the window', () => {
    const events = [opened('a', 60), opened('b', 25 * 60), ev('a', 'resolved', 26 * 60)];
    expect(computeKpis(events, from, to).daily).toEqual([
      { day: '2025-03-03', opened: 1, resolved: 0 },
      { day: '2025-03-04', opened: 1, resolved: 1 },
    ]);
  });
});
