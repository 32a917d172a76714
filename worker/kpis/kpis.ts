import type { Channel } from '../../rules/model/channel';
import type { KpiEvent } from './kpiEvent';
import { average, quantile, ratio } from './stats';

/** Channels where the customer waits on the line: leaving before an answer is abandonment. */
export const liveChannels: readonly Channel[] = ['phone', 'chat', 'video', 'click-to-call'];

export interface Kpis {
  casesOpened: number;
  firstResponse: { count: number; medianMinutes: number | null; p90Minutes: number | null };
  promises: { kept: number; breached: number; keptRate: number | null };
  csat: { count: number; average: number | null };
  nps: { count: number; promoters: number; detractors: number; score: number | null };
  abandonment: { liveCases: number; abandoned: number; rate: number | null };
  reopen: { resolved: number; reopened: number; rate: number | null };
  firstContactResolution: { resolved: number; firstContact: number; rate: number | null };
  /** Cases opened and resolved per UTC day of the window, oldest first. */
  daily: { day: string; opened: number; resolved: number }[];
}

interface CaseFacts {
  openedAt: number | null;
  channel: Channel | null;
  firstResponseAt: number | null;
  customerMessages: number;
  resolved: boolean;
  reopened: boolean;
  abandoned: boolean;
}

function byCase(events: readonly KpiEvent[]): Map<string, CaseFacts> {
  const cases = new Map<string, CaseFacts>();
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at));
  for (const e of sorted) {
    let c = cases.get(e.caseId);
    if (!c) {
      c = {
        openedAt: null,
        channel: null,
        firstResponseAt: null,
        customerMessages: 0,
        resolved: false,
        reopened: false,
        abandoned: false,
      };
      cases.set(e.caseId, c);
    }
    const at = Date.parse(e.at);
    switch (e.type) {
      case 'case-opened':
        c.openedAt = at;
        c.channel = e.channel;
        c.customerMessages += 1;
        break;
      case 'message-received':
        c.customerMessages += 1;
        break;
      case 'replied':
      case 'promise-met':
        c.firstResponseAt ??= at;
        break;
      case 'resolved':
        c.resolved = true;
        break;
      case 'reopened':
        c.reopened = true;
        break;
      case 'abandoned':
        c.abandoned = true;
        break;
      default:
        break;
    }
  }
  return cases;
}

function surveys(events: readonly KpiEvent[]): Pick<Kpis, 'csat' | 'nps'> {
  const answers = events.filter((e) => e.type === 'survey-answered' && e.score !== null);
  const csat = answers.filter((e) => e.kind === 'csat').map((e) => e.score!);
  const nps = answers.filter((e) => e.kind === 'nps').map((e) => e.score!);
  const promoters = nps.filter((s) => s >= 9).length;
  const detractors = nps.filter((s) => s <= 6).length;
  const share = ratio(promoters - detractors, nps.length);
  return {
    csat: { count: csat.length, average: average(csat) },
    nps: {
      count: nps.length,
      promoters,
      detractors,
      score: share === null ? null : Math.round(share * 100),
    },
  };
}

function daily(events: readonly KpiEvent[], from: Date, to: Date): Kpis['daily'] {
  const days = new Map<string, { opened: number; resolved: number }>();
  for (
    let t = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
    t < to.getTime();
    t += 86_400_000
  )
    days.set(new Date(t).toISOString().slice(0, 10), { opened: 0, resolved: 0 });
  for (const e of events) {
    const day = days.get(e.at.slice(0, 10));
    if (!day) continue;
    if (e.type === 'case-opened') day.opened += 1;
    if (e.type === 'resolved') day.resolved += 1;
  }
  return [...days].map(([day, counts]) => ({ day, ...counts }));
}

/**
 * The supervisor KPIs over the events of one window [from, to). Times are measured for cases
 * opened inside the window; a case opened earlier counts only for what happened in the window.
 */
export function computeKpis(events: readonly KpiEvent[], from: Date, to: Date): Kpis {
  const inWindow = events.filter((e) => {
    const at = Date.parse(e.at);
    return at >= from.getTime() && at < to.getTime();
  });
  const cases = [...byCase(inWindow).values()];
  const opened = cases.filter((c) => c.openedAt !== null);
  const responseMinutes = opened
    .filter((c) => c.firstResponseAt !== null)
    .map((c) => (c.firstResponseAt! - c.openedAt!) / 60_000);
  const kept = inWindow.filter((e) => e.type === 'promise-met').length;
  const breached = inWindow.filter((e) => e.type === 'promise-breached').length;
  const live = opened.filter((c) => c.channel !== null && liveChannels.includes(c.channel));
  const abandoned = live.filter((c) => c.abandoned).length;
  const resolved = cases.filter((c) => c.resolved);
  const reopened = resolved.filter((c) => c.reopened).length;
  // Only cases opened in the window: earlier messages of older cases are not read.
  const resolvedFresh = resolved.filter((c) => c.openedAt !== null);
  const firstContact = resolvedFresh.filter((c) => c.customerMessages === 1 && !c.reopened).length;
  return {
    casesOpened: opened.length,
    firstResponse: {
      count: responseMinutes.length,
      medianMinutes: quantile(responseMinutes, 0.5),
      p90Minutes: quantile(responseMinutes, 0.9),
    },
    promises: { kept, breached, keptRate: ratio(kept, kept + breached) },
    ...surveys(inWindow),
    abandonment: { liveCases: live.length, abandoned, rate: ratio(abandoned, live.length) },
    reopen: { resolved: resolved.length, reopened, rate: ratio(reopened, resolved.length) },
    firstContactResolution: {
      resolved: resolvedFresh.length,
      firstContact,
      rate: ratio(firstContact, resolvedFresh.length),
    },
    daily: daily(inWindow, from, to),
  };
}
